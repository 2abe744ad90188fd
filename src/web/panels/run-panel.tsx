import { useState } from 'preact/hooks';
import { flatten, type RunNode, type RunSnapshot } from '../run/run-tree.js';
import { formatMs, prettyJson } from '../util/ids.js';

const KIND_TAG: Record<RunNode['kind'], string> = {
  route: 'route',
  agent: 'agent',
  tool: 'tool',
  model: 'model',
  thought: 'thought',
  error: 'error',
};

function summary(node: RunNode): string {
  if (node.kind === 'route' && node.route) {
    const r = node.route;
    return `${(r.confidence * 100).toFixed(0)}%${r.fallback ? ' · fallback to coordinator' : ''}${r.runnerUp ? ` · runner-up ${r.runnerUp.template} (${r.runnerUp.score.toFixed(2)})` : ''}`;
  }
  if (node.kind === 'model' && node.tokens) return `${node.tokens.input} in · ${node.tokens.output} out`;
  if (node.kind === 'agent' && node.via && node.via !== 'entry') return node.via;
  if (node.kind === 'tool' && node.progress) {
    const p = node.progress;
    return p.total ? `${p.progress}/${p.total}` : String(p.progress);
  }
  return '';
}

function Details({ node }: { node: RunNode }) {
  return (
    <div class="run-details">
      {node.route && (
        <dl>
          <dt>chosen</dt>
          <dd>
            {node.route.template} ({node.route.confidence.toFixed(3)})
          </dd>
          {node.route.runnerUp && (
            <>
              <dt>runner-up</dt>
              <dd>
                {node.route.runnerUp.template} (score {node.route.runnerUp.score.toFixed(3)})
              </dd>
            </>
          )}
          <dt>fallback</dt>
          <dd>{node.route.fallback ? 'yes (the coordinator decides)' : 'no'}</dd>
          {node.route.target && (
            <>
              <dt>runs</dt>
              <dd>{node.route.target}</dd>
            </>
          )}
          {node.route.reason && (
            <>
              <dt>reason</dt>
              <dd>{node.route.reason}</dd>
            </>
          )}
        </dl>
      )}
      {node.args && (
        <>
          <h5>arguments</h5>
          <pre>{JSON.stringify(node.args, null, 2)}</pre>
        </>
      )}
      {node.output !== undefined && (
        <>
          <h5>{node.status === 'error' ? 'error' : 'result'}</h5>
          <pre class={node.status === 'error' ? 'error-text' : undefined}>{prettyJson(node.output)}</pre>
        </>
      )}
      {node.progress?.message && <p>{node.progress.message}</p>}
      {node.tokens && (
        <p>
          tokens: {node.tokens.input} in, {node.tokens.output} out{node.model ? ` · ${node.model}` : ''}
        </p>
      )}
      {node.text && <pre class={node.kind === 'error' ? 'error-text' : undefined}>{node.text}</pre>}
    </div>
  );
}

/**
 * The run as a waterfall: one row per routing decision, agent, model call, tool call, thought and
 * error, indented under the agent (or the delegating tool call) it belongs to, with a bar for when it
 * ran. A row opens to show arguments, results and tokens.
 */
export function RunPanel({ run }: { run: RunSnapshot | undefined }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (!run) return <p class="empty">Send a message: its run appears here as it happens.</p>;
  const rows = flatten(run.roots);
  const total = Math.max(run.duration, 1);
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  return (
    <div class="run" data-done={run.done ? 'true' : 'false'}>
      <div class="run-summary">
        <span class={`pill ${run.errors > 0 ? 'bad' : run.done ? 'good' : 'busy'}`}>
          {run.done ? (run.errors > 0 ? `done · ${run.errors} error${run.errors > 1 ? 's' : ''}` : 'done') : 'running…'}
        </span>
        <span>{formatMs(run.duration)}</span>
        <span>
          {run.agents} agent{run.agents === 1 ? '' : 's'}
        </span>
        <span>
          {run.toolCalls} tool call{run.toolCalls === 1 ? '' : 's'}
        </span>
        <span>
          {run.tokens.input} / {run.tokens.output} tokens
        </span>
        {run.result?.agent_used && <span>answered by {run.result.agent_used}</span>}
        {run.result?.status && <span class="pill warn">{run.result.status}</span>}
      </div>
      <ol class="waterfall" aria-label="run steps">
        {rows.map(({ node, depth }) => {
          const end = node.end ?? run.duration;
          const left = (node.start / total) * 100;
          const width = Math.max(((end - node.start) / total) * 100, 0.8);
          const isOpen = open.has(node.id);
          return (
            <li key={node.id} class={`row kind-${node.kind} status-${node.status}`} data-kind={node.kind}>
              <button
                type="button"
                class="row-head"
                aria-expanded={isOpen}
                onClick={() => toggle(node.id)}
                style={{ paddingLeft: `${0.4 + depth * 0.9}rem` }}
              >
                <span class="tag">{KIND_TAG[node.kind]}</span>
                <span class="label">{node.label}</span>
                <span class="meta">{summary(node)}</span>
                <span class="dur">
                  {node.end === undefined ? '…' : node.kind === 'thought' ? '' : formatMs(end - node.start)}
                </span>
                <span class="track" aria-hidden="true">
                  <span class="bar" style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} />
                </span>
              </button>
              {isOpen && <Details node={node} />}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
