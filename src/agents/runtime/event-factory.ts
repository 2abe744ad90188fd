import type { VentrosError } from '../../shared/index.js';
import type { AgentEvent, ErrorEvent, FinalEvent } from '../events.js';
import type { Usage } from '../model/index.js';
import type { InvocationContext } from './context.js';

type Base = Pick<AgentEvent, 'runId' | 'agent' | 'at' | 'elapsedMs'>;

/**
 * The fields every event carries. The events of every message (partial, model_call, tool_call,
 * tool_result, final) write them out in this order instead of spreading this object: one object less
 * and no property copy per event.
 */
export function eventBase(ctx: Pick<InvocationContext, 'runId' | 'startedAt'>, agent: string): Base {
  const at = Date.now();
  return { runId: ctx.runId, agent, at, elapsedMs: at - ctx.startedAt };
}

/** What an agent's run produced; `BaseAgent.run` turns it into the agent's `final` event. */
export interface AgentOutcome {
  text: string;
  /** Tokens used by the agent, sub-agents included. */
  usage: Usage;
  terminal?: boolean;
  /** The agent this one handed the run over to. */
  handoffTo?: string;
}

export function finalEvent(ctx: InvocationContext, agent: string, outcome: AgentOutcome): FinalEvent {
  const at = Date.now();
  const event: FinalEvent = {
    type: 'final',
    runId: ctx.runId,
    agent,
    at,
    elapsedMs: at - ctx.startedAt,
    text: outcome.text,
    usage: outcome.usage,
  };
  if (outcome.terminal) event.terminal = true;
  if (outcome.handoffTo) event.transferTo = outcome.handoffTo;
  return event;
}

// The typed error behind each error event, so `Runner.execute` can throw the original (class, details, cause).
const errorsByEvent = new WeakMap<ErrorEvent, VentrosError>();

export function errorEvent(
  ctx: Pick<InvocationContext, 'runId' | 'startedAt'>,
  agent: string,
  error: VentrosError,
): ErrorEvent {
  const event: ErrorEvent = { type: 'error', ...eventBase(ctx, agent), code: error.code, message: error.message };
  errorsByEvent.set(event, error);
  return event;
}

/** The typed error an error event was made from (undefined for events built elsewhere). */
export function errorOfEvent(event: ErrorEvent): VentrosError | undefined {
  return errorsByEvent.get(event);
}
