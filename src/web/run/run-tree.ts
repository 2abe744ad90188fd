import type { ExecutionResult, RunEvent } from '../api/schemas.js';

export type RunNodeKind = 'route' | 'agent' | 'tool' | 'model' | 'thought' | 'error';

export interface RouteDecision {
  template: string;
  confidence: number;
  fallback: boolean;
  /** The agent that runs when it is not the chosen template (the coordinator on a fallback). */
  target?: string;
  /** The second-best template and its router score (raw, not calibrated like `confidence`). */
  runnerUp?: { template: string; score: number };
  reason?: string;
}

/** One row of the run's waterfall; agents and delegating tool calls have children. */
export interface RunNode {
  id: string;
  kind: RunNodeKind;
  label: string;
  agent?: string;
  /** Ms since the run started. */
  start: number;
  /** Unset while running. */
  end?: number;
  status: 'running' | 'ok' | 'error';
  children: RunNode[];
  /** How an agent came in: the entry agent, picked by the router, called by another (agent-as-tool), or handed over to. */
  via?: 'entry' | 'routed' | 'delegation' | 'handoff';
  args?: Record<string, unknown>;
  output?: string;
  progress?: { progress: number; total?: number; message?: string };
  tokens?: { input: number; output: number };
  model?: string;
  text?: string;
  route?: RouteDecision;
}

export interface RunSnapshot {
  roots: RunNode[];
  /** Ms from the run's start to its last event. */
  duration: number;
  tokens: { input: number; output: number };
  toolCalls: number;
  agents: number;
  errors: number;
  done: boolean;
  result?: ExecutionResult;
}

const num = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** Whether a tool call is the call of agent `name` (agent-as-tool `name`, `agent:name`, `transfer_to_name`). */
function callsAgent(tool: string, name: string): boolean {
  const bare = tool.includes('__') ? tool.slice(tool.lastIndexOf('__') + 2) : tool;
  return bare === name || bare === `agent:${name}` || bare === `transfer_to_${name}`;
}

/**
 * Builds a run's tree from its stream events as they arrive. An agent that speaks while another
 * agent's tool call is open was called by it (agent-as-tool); one named by a `final`'s `transferTo`
 * was handed over to. Tolerant of missing events: a result without its call still gets a row.
 */
export class RunTreeBuilder {
  private readonly roots: RunNode[] = [];
  private readonly openAgents = new Map<string, { node: RunNode; siblings: RunNode[] }>();
  private readonly stack: RunNode[] = [];
  private readonly openTools = new Map<string, RunNode>();
  private transfer: { to: string; siblings: RunNode[] } | undefined;
  private last = 0;
  private seq = 0;
  private modelTokens = { input: 0, output: 0 };
  private finalTokens = { input: 0, output: 0 };
  private sawModelCall = false;
  private errors = 0;
  private done = false;
  private result: ExecutionResult | undefined;

  add(event: RunEvent): void {
    if (event.type === 'result') {
      this.finish(event.result);
      return;
    }
    const t = event.elapsedMs ?? this.last;
    this.last = Math.max(this.last, t);
    switch (event.type) {
      case 'route': {
        const template = event.templateId ?? event.template_id ?? event.target ?? '?';
        const up = event.runnerUp ?? event.runner_up;
        const upTemplate = up?.templateId ?? up?.template_id;
        const upScore = up?.confidence ?? up?.score;
        const route: RouteDecision = {
          template,
          confidence: event.confidence,
          fallback: event.fallback === true,
          ...(event.target && event.target !== template ? { target: event.target } : {}),
          ...(upTemplate !== undefined && upScore !== undefined
            ? { runnerUp: { template: upTemplate, score: upScore } }
            : {}),
          ...(event.reason ? { reason: event.reason } : {}),
        };
        const node = this.node('route', template, t, { end: t, status: 'ok', route });
        // The routing agent (`auto`) holds its decision and, below it, the agent it picked.
        if (event.agent) this.agent(event.agent, t).node.children.push(node);
        else this.roots.push(node);
        return;
      }
      case 'thought': {
        const agent = this.agent(event.agent, t);
        agent.node.children.push(this.node('thought', 'thought', t, { end: t, status: 'ok', text: event.text }));
        return;
      }
      case 'tool_call': {
        const agent = this.agent(event.agent, t);
        const tool = this.node('tool', event.tool, t, { args: event.args ?? {}, agent: agent.node.label });
        agent.node.children.push(tool);
        this.openTools.set(`${agent.node.label}\u0000${event.callId}`, tool);
        return;
      }
      case 'tool_progress': {
        const tool = this.openTools.get(`${event.agent ?? ''}\u0000${event.callId}`);
        if (tool)
          tool.progress = {
            progress: event.progress,
            ...(event.total !== undefined ? { total: event.total } : {}),
            ...(event.message ? { message: event.message } : {}),
          };
        return;
      }
      case 'tool_result': {
        const agent = this.agent(event.agent, t);
        const key = `${agent.node.label}\u0000${event.callId}`;
        let tool = this.openTools.get(key);
        if (!tool) {
          tool = this.node('tool', event.tool, t - (event.latencyMs ?? 0), { agent: agent.node.label });
          agent.node.children.push(tool);
        }
        this.openTools.delete(key);
        tool.end = t;
        tool.output = event.content;
        tool.status = event.isError ? 'error' : 'ok';
        if (event.isError) this.errors++;
        return;
      }
      case 'model_call': {
        const agent = this.agent(event.agent, t);
        const input = event.usage?.inputTokens ?? event.input_tokens ?? 0;
        const output = event.usage?.outputTokens ?? event.output_tokens ?? 0;
        const latency = event.latencyMs ?? event.latency_ms ?? 0;
        this.sawModelCall = true;
        this.modelTokens.input += input;
        this.modelTokens.output += output;
        agent.node.children.push(
          this.node('model', event.model ?? 'model', Math.max(0, t - latency), {
            end: t,
            status: 'ok',
            tokens: { input, output },
            ...(event.model ? { model: event.model } : {}),
          }),
        );
        return;
      }
      case 'partial':
        this.agent(event.agent, t);
        return;
      case 'final': {
        const { node, siblings } = this.agent(event.agent, t);
        node.end = t;
        if (node.status === 'running') node.status = 'ok';
        node.text = event.text;
        if (event.usage && (event.usage.inputTokens > 0 || event.usage.outputTokens > 0)) {
          node.tokens = { input: event.usage.inputTokens, output: event.usage.outputTokens };
          if (node.via === 'entry' || node.via === 'handoff') {
            this.finalTokens.input += event.usage.inputTokens;
            this.finalTokens.output += event.usage.outputTokens;
          }
        }
        this.close(node);
        if (event.transferTo) this.transfer = { to: event.transferTo, siblings };
        return;
      }
      case 'error': {
        this.errors++;
        const error = this.node('error', event.code ?? 'error', t, { end: t, status: 'error', text: event.message });
        if (event.agent) {
          const agent = this.agent(event.agent, t);
          agent.node.status = 'error';
          agent.node.children.push(error);
        } else this.roots.push(error);
        return;
      }
    }
  }

  snapshot(): RunSnapshot {
    let agents = 0;
    let toolCalls = 0;
    const walk = (nodes: RunNode[]) => {
      for (const n of nodes) {
        if (n.kind === 'agent') agents++;
        if (n.kind === 'tool') toolCalls++;
        walk(n.children);
      }
    };
    walk(this.roots);
    const tokens = this.sawModelCall ? this.modelTokens : this.finalTokens;
    return {
      roots: this.roots,
      duration: this.last,
      tokens: { ...tokens },
      toolCalls,
      agents,
      errors: this.errors,
      done: this.done,
      ...(this.result ? { result: this.result } : {}),
    };
  }

  private finish(result: ExecutionResult): void {
    this.done = true;
    this.result = result;
    const meta = result.metadata ?? {};
    // Before the server streamed `route` events, the decision was only in the result's metadata.
    const template = meta['route_template'];
    if (typeof template === 'string' && !flatten(this.roots).some((r) => r.node.kind === 'route')) {
      const route: RouteDecision = {
        template,
        confidence: num(meta['route_confidence']) ?? result.confidence ?? 0,
        fallback: meta['route_fallback'] === 'true',
      };
      this.roots.unshift(this.node('route', template, 0, { end: 0, status: 'ok', route }));
    }
    if (!this.sawModelCall && this.finalTokens.input === 0 && this.finalTokens.output === 0) {
      this.finalTokens = {
        input: num(meta['usage_input_tokens']) ?? 0,
        output: num(meta['usage_output_tokens']) ?? 0,
      };
    }
    if (result.latency_ms !== undefined) this.last = Math.max(this.last, result.latency_ms);
    for (const { node } of this.openAgents.values()) {
      node.end = this.last;
      if (node.status === 'running') node.status = 'ok';
    }
    this.openAgents.clear();
    this.stack.length = 0;
  }

  /** Marks the run failed (the stream broke or the request was refused). */
  fail(message: string): void {
    this.errors++;
    this.done = true;
    this.roots.push(this.node('error', 'error', this.last, { end: this.last, status: 'error', text: message }));
    for (const { node } of this.openAgents.values()) {
      node.end = this.last;
      node.status = 'error';
    }
    this.openAgents.clear();
    this.stack.length = 0;
  }

  private agent(name: string | undefined, t: number): { node: RunNode; siblings: RunNode[] } {
    const agentName = name ?? 'agent';
    const open = this.openAgents.get(agentName);
    if (open) return open;
    let siblings = this.roots;
    let via: RunNode['via'] = 'entry';
    if (this.transfer?.to === agentName) {
      siblings = this.transfer.siblings;
      via = 'handoff';
    } else {
      const caller = this.stack.at(-1);
      if (caller) {
        const tools = caller.children.filter((c) => c.kind === 'tool' && c.end === undefined);
        const tool = tools.find((c) => callsAgent(c.label, agentName)) ?? tools.at(-1);
        siblings = (tool ?? caller).children;
        const route = caller.children.findLast((c) => c.kind === 'route')?.route;
        via = !tool && route && (route.target ?? route.template) === agentName ? 'routed' : 'delegation';
      }
    }
    this.transfer = undefined;
    const node = this.node('agent', agentName, t, { via });
    siblings.push(node);
    const entry = { node, siblings };
    this.openAgents.set(agentName, entry);
    this.stack.push(node);
    return entry;
  }

  private close(node: RunNode): void {
    this.openAgents.delete(node.label);
    const at = this.stack.lastIndexOf(node);
    if (at >= 0) this.stack.splice(at, 1);
  }

  private node(kind: RunNodeKind, label: string, start: number, extra: Partial<RunNode> = {}): RunNode {
    return { id: `n${this.seq++}`, kind, label, start, status: 'running', children: [], ...extra };
  }
}

/** Feeds a run's tree from an execution result alone (a customer message answered without a stream). */
export function addResult(builder: RunTreeBuilder, result: ExecutionResult): void {
  const agent = result.agent_used ?? 'agent';
  let t = 0;
  (result.tool_calls ?? []).forEach((call, i) => {
    const callId = `call-${i}`;
    const by = call.agent ?? agent;
    builder.add({ type: 'tool_call', agent: by, elapsedMs: t, callId, tool: call.tool_name, args: call.input ?? {} });
    t += call.latency_ms ?? 0;
    builder.add({
      type: 'tool_result',
      agent: by,
      elapsedMs: t,
      callId,
      tool: call.tool_name,
      content: call.output ?? '',
      isError: call.is_error === true,
      latencyMs: call.latency_ms ?? 0,
    });
  });
  builder.add({ type: 'final', agent, elapsedMs: result.latency_ms ?? t, text: result.response });
  builder.add({ type: 'result', result });
}

/** The tree as rows, depth first, with their depth. */
export function flatten(nodes: readonly RunNode[], depth = 0, out: Array<{ node: RunNode; depth: number }> = []) {
  for (const node of nodes) {
    out.push({ node, depth });
    flatten(node.children, depth + 1, out);
  }
  return out;
}
