import { FormatGuideView } from '../guide/format-guide-view.js';
import { readGuide } from '../guide/guide-model.js';
import { formatMs } from '../util/ids.js';
import { Markdown } from './markdown.js';
import type { Turn } from './turn.js';

/** One chat message: the user's text, or the answer with who gave it, its format guide and its run. */
export function MessageView(props: {
  turn: Turn;
  selected: boolean;
  theme: string;
  onShowRun: () => void;
  onShowApprovals?: (() => void) | undefined;
}) {
  const { turn, theme } = props;
  if (turn.role === 'user') {
    return (
      <li class="msg user" data-role="user">
        <div class="bubble">
          <Markdown text={turn.text} />
        </div>
        <div class="msg-meta">
          {turn.audience === 'customer' ? 'customer' : 'staff'} → {turn.agent}
        </div>
      </li>
    );
  }
  const result = turn.result;
  const guide = result?.format_guide ? readGuide(result.format_guide) : undefined;
  const rich = guide && (guide.sections.length > 0 || guide.chart);
  const offline = result?.metadata?.['offline'] === 'true';
  return (
    <li
      class={`msg assistant${props.selected ? ' selected' : ''}`}
      data-role="assistant"
      data-streaming={turn.streaming ? 'true' : 'false'}
    >
      <div class="msg-head">
        <strong class="agent-name">{result?.agent_used ?? turn.agent}</strong>
        {result?.confidence !== undefined && <span class="muted">{(result.confidence * 100).toFixed(0)}%</span>}
        {result?.latency_ms !== undefined && <span class="muted">{formatMs(result.latency_ms)}</span>}
        {offline && (
          <span class="pill" title="the offline policy model: no LLM, deterministic answers">
            offline model
          </span>
        )}
        {result?.status && result.status !== 'completed' && (
          <span class="pill warn">{result.status.replace(/_/g, ' ')}</span>
        )}
      </div>
      <div class="bubble">
        {rich && result ? (
          <FormatGuideView guide={guide} answer={result.response} theme={theme} />
        ) : turn.text ? (
          <Markdown text={turn.text} />
        ) : turn.streaming ? (
          <span class="typing" role="img" aria-label="answering">
            <i />
            <i />
            <i />
          </span>
        ) : null}
        {turn.error && (
          <p class="error-text" role="alert">
            {turn.error}
          </p>
        )}
      </div>
      <div class="msg-meta">
        {result?.suggested_actions && result.suggested_actions.length > 0 && (
          <span class="chips" title="suggested actions">
            {result.suggested_actions.map((a) => (
              <span class="chip">{a}</span>
            ))}
          </span>
        )}
        <button type="button" class="link" onClick={props.onShowRun}>
          run ›
        </button>
        {result?.status === 'awaiting_approval' && props.onShowApprovals && (
          <button type="button" class="link" onClick={props.onShowApprovals}>
            approvals ›
          </button>
        )}
      </div>
    </li>
  );
}
