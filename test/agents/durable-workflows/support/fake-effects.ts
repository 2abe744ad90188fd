import type {
  AgentRunRequest,
  AgentRunResult,
  EffectOptions,
  OutboundMessage,
  ToolCallOptions,
  ToolOutcome,
  WorkflowEffects,
} from '../../../../src/agents/durable-workflows/index.js';

/** One effect the fake saw, in order. `step` is the step name from the idempotency key. */
export type EffectCall =
  | { kind: 'agent'; step: string; key: string; request: AgentRunRequest }
  | { kind: 'tool'; step: string; key: string; name: string; args: Record<string, unknown>; options: ToolCallOptions }
  | { kind: 'outbound'; step: string; key: string; message: OutboundMessage };

export interface FakeBehaviour {
  /** The agent's answer (throw to make the run fail). Default: a short text naming the step. */
  agent?: (request: AgentRunRequest, step: string) => AgentRunResult | Promise<AgentRunResult>;
  /** A tool's answer. Default: `{ ok: true }` with the arguments echoed as structured content. */
  tool?: (name: string, args: Record<string, unknown>, step: string) => ToolOutcome | Promise<ToolOutcome>;
  /** Runs before an outbound message is recorded (a test may hold a step here). */
  beforeOutbound?: (message: OutboundMessage, step: string) => Promise<void> | void;
}

/** The step name of an idempotency key `<workflow id>/<n>:<step>`. */
export const stepOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);

/**
 * Effects that record every call and answer from `behaviour` — swap `behaviour` per test. Calls are
 * recorded when they start, so a retried step appears once per attempt.
 */
export class FakeEffects implements WorkflowEffects {
  readonly calls: EffectCall[] = [];
  behaviour: FakeBehaviour = {};

  async runAgent(request: AgentRunRequest, options: EffectOptions): Promise<AgentRunResult> {
    const step = stepOf(options.idempotencyKey);
    this.calls.push({ kind: 'agent', step, key: options.idempotencyKey, request });
    if (this.behaviour.agent) return this.behaviour.agent(request, step);
    return { response: `${request.agent}: ${step}`, agent_used: request.agent, intent: 'workflow', confidence: 0.9 };
  }

  async callTool(name: string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolOutcome> {
    const step = stepOf(options.idempotencyKey);
    this.calls.push({ kind: 'tool', step, key: options.idempotencyKey, name, args, options });
    if (this.behaviour.tool) return this.behaviour.tool(name, args, step);
    return { content: JSON.stringify({ ok: true }), structured: { ok: true, ...args } };
  }

  async sendOutbound(message: OutboundMessage, options: EffectOptions): Promise<void> {
    const step = stepOf(options.idempotencyKey);
    await this.behaviour.beforeOutbound?.(message, step);
    this.calls.push({ kind: 'outbound', step, key: options.idempotencyKey, message });
  }

  /** The calls about one contact (workflows of one test use their own contact). */
  of(contactId: string): EffectCall[] {
    return this.calls.filter((c) => contactOf(c) === contactId);
  }
}

function contactOf(call: EffectCall): string {
  if (call.kind === 'agent') return call.request.contactId;
  if (call.kind === 'tool') return call.options.contactId;
  return call.message.contactId;
}

/** A promise with its resolve function, to hold a step until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
