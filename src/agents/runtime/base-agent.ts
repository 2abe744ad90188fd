import { PermissionDeniedError } from '../../shared/index.js';
import { AgentConfigError, AgentError, toAgentError } from '../errors.js';
import type { AgentEvent, ErrorEvent, FinalEvent } from '../events.js';
import { RunPaused } from './approval-gate.js';
import { type AgentCallbacks, guardCallback, isPromiseLike } from './callbacks.js';
import { type ActiveContext, activate, type InvocationContext, type RunnableAgent } from './context.js';
import { type AgentOutcome, errorEvent, finalEvent } from './event-factory.js';
import { agentSpan, recordAgentAnswer } from './gen-ai-spans.js';
import { notify } from './run-observer.js';
import { currentSpanOf, enterSpan, openDescribedSpan, type Span } from './tracing.js';

// Agent names become tool names (`transfer_to_<name>`), which providers limit to [A-Za-z0-9_-]{1,64}.
const AGENT_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,51}$/;

export interface BaseAgentOptions {
  name: string;
  description: string;
  subAgents?: BaseAgent[];
  callbacks?: AgentCallbacks;
  /** May serve a customer run (default false: an agent is internal until marked otherwise). */
  customerFacing?: boolean;
}

/**
 * A sub-agent ended with an error event that is already in the stream. Parents rethrow it to stop
 * without emitting the same failure twice; `BaseAgent.run` swallows it.
 */
export class SubAgentFailed extends AgentError {
  readonly event: ErrorEvent;
  constructor(event: ErrorEvent) {
    super(event.code, event.message, { details: { agent: event.agent } });
    this.event = event;
  }
}

/**
 * The base of every agent. `run` wraps tracing and the before/after-agent callbacks around the
 * subclass's `runImpl`, and turns what `runImpl` returns into this agent's `final` event — or anything
 * it throws into an `error` event. `run` never throws; its last event is this agent's `final` or an `error`.
 *
 * Subclasses implement `runImpl`: yield intermediate events, return the outcome.
 */
export abstract class BaseAgent implements RunnableAgent {
  readonly name: string;
  readonly description: string;
  readonly subAgents: readonly BaseAgent[];
  readonly customerFacing: boolean;
  protected readonly callbacks: AgentCallbacks;

  constructor(options: BaseAgentOptions) {
    if (!AGENT_NAME.test(options.name)) {
      throw new AgentConfigError(`agent name "${options.name}" must match ${AGENT_NAME.source}`, {
        name: options.name,
      });
    }
    const subAgents = options.subAgents ?? [];
    const seen = new Set<string>();
    for (const sub of subAgents) {
      if (sub.name === options.name || seen.has(sub.name)) {
        throw new AgentConfigError(`agent "${options.name}" has a duplicate sub-agent name "${sub.name}"`);
      }
      seen.add(sub.name);
    }
    this.name = options.name;
    this.description = options.description;
    this.subAgents = subAgents;
    this.customerFacing = options.customerFacing ?? false;
    this.callbacks = options.callbacks ?? {};
  }

  /** Runs the agent; yields every event; the last one is this agent's `final` or an `error`. */
  async *run(ctx: InvocationContext): AsyncGenerator<AgentEvent, void, undefined> {
    const active = activate(ctx, this);
    const span = openDescribedSpan(
      () =>
        agentSpan(
          {
            agent: this.name,
            tenantId: active.trusted.tenantId,
            sessionId: active.trusted.sessionId,
            runId: active.runId,
          },
          active.depth,
          active.userMessage,
        ),
      currentSpanOf(active),
    );
    // Model calls, tool calls and sub-agents started by this agent nest under its span.
    const exitSpan = enterSpan(active, span.span);
    const step = { agent: this.name, tenantId: active.trusted.tenantId };
    const started = performance.now();
    let observed = false;
    const observeEnd = (errorType?: string, propagated = false) => {
      if (observed) return;
      observed = true;
      // Built only for an observer that watches agents (the usage ledger watches model calls only).
      if (active.observer?.agentEnded === undefined) return;
      const durationMs = performance.now() - started;
      const failure = errorType ? { errorType, ...(propagated ? { propagated } : {}) } : {};
      notify(active.observer, 'agentEnded', { ...step, durationMs, ...failure });
    };
    if (active.observer?.agentStarted) notify(active.observer, 'agentStarted', step);
    try {
      // However it was reached (named, routed, handed off, delegated to, a workflow step), an internal
      // agent never runs for a customer.
      if (active.trusted.audience === 'customer' && !this.customerFacing) {
        throw new PermissionDeniedError(`agent "${this.name}" serves the company's staff, not customers`, {
          agent: this.name,
        });
      }
      const skipping = this.callbacks.beforeAgent
        ? this.callback('beforeAgent', () => this.callbacks.beforeAgent?.(active, this))
        : undefined;
      const skip = isPromiseLike(skipping) ? await skipping : skipping;
      const outcome = skip?.skip
        ? { text: skip.text, usage: { inputTokens: 0, outputTokens: 0 } }
        : yield* this.runImpl(active);
      let final = finalEvent(active, this.name, outcome);
      if (this.callbacks.afterAgent) {
        const replacing = this.callback('afterAgent', () => this.callbacks.afterAgent?.(active, final, this));
        const replaced = isPromiseLike(replacing) ? await replacing : replacing;
        if (replaced) {
          replaceAnswer(active, final.text, replaced.text);
          final = { ...final, text: replaced.text };
        }
      }
      recordOutcome(span.span, final);
      recordAgentAnswer(span.span, final.text);
      exitSpan();
      span.end();
      observeEnd();
      yield final;
    } catch (error) {
      exitSpan();
      span.end(error);
      if (error instanceof SubAgentFailed) {
        observeEnd(error.code, true);
        return;
      }
      // Waiting for a person is not a failure: end quietly; the Runner reads where the run stopped.
      if (error instanceof RunPaused) {
        observeEnd();
        return;
      }
      const failure = toAgentError(error, active.signal);
      observeEnd(failure.code);
      yield errorEvent(active, this.name, failure);
    } finally {
      observeEnd('cancelled');
      // A consumer that stops iterating early still ends the span (ending twice does nothing).
      exitSpan();
      span.end();
    }
  }

  /** The agent's own work: yield intermediate events and return the outcome (or throw). */
  protected abstract runImpl(ctx: ActiveContext): AsyncGenerator<AgentEvent, AgentOutcome, undefined>;

  /** This agent or the first one named `name` in its tree (depth first). */
  findAgent(name: string): BaseAgent | undefined {
    if (this.name === name) return this;
    for (const sub of this.subAgents) {
      const found = sub.findAgent(name);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Runs a sub-agent inside this one, forwarding its events; returns its final. When it fails, its
   * error event is already in the stream and `SubAgentFailed` stops this agent too.
   */
  protected async *runChild(
    child: RunnableAgent,
    ctx: ActiveContext,
  ): AsyncGenerator<AgentEvent, FinalEvent, undefined> {
    let last: AgentEvent | undefined;
    for await (const event of child.run(ctx)) {
      last = event;
      yield event;
    }
    if (last?.type === 'final' && last.agent === child.name) return last;
    if (last?.type === 'error') throw new SubAgentFailed(last);
    if (ctx.approvals?.paused) throw new RunPaused(ctx.approvals.paused);
    throw new AgentError('internal', `agent "${child.name}" ended without a final event`);
  }

  /** Calls a callback, turning a throw into a typed `CallbackError`. */
  protected callback<T>(name: keyof AgentCallbacks, fn: () => T | Promise<T>): T | Promise<T> {
    return guardCallback(name, this.name, fn);
  }
}

/** Tokens (sub-agents included) and the handoff, if any. */
function recordOutcome(span: Span, final: FinalEvent): void {
  span.setAttribute('gen_ai.usage.input_tokens', final.usage.inputTokens);
  span.setAttribute('gen_ai.usage.output_tokens', final.usage.outputTokens);
  // The attribute keeps the name dashboards already query, like the event field it mirrors.
  if (final.transferTo !== undefined) span.setAttribute('agent.transfer_to', final.transferTo);
}

/** When afterAgent rewrites the answer, the history must hold what the customer saw. */
function replaceAnswer(ctx: ActiveContext, original: string, replacement: string): void {
  const last = ctx.transcript.at(-1);
  if (last?.role === 'assistant' && last.content.length === 1 && last.content[0]?.type === 'text') {
    if (last.content[0].text === original) {
      ctx.transcript[ctx.transcript.length - 1] = { role: 'assistant', content: [{ type: 'text', text: replacement }] };
    }
  }
}
