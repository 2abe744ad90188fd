import type { AgentEvent } from '../events.js';
import type { Usage } from '../model/index.js';

/** Who a step belongs to: the agent that took it and the run's tenant. */
export interface ObservedStep {
  agent: string;
  tenantId: string;
}

/** One agent invocation ended (a sub-agent's own invocation included). */
export interface ObservedAgentRun extends ObservedStep {
  durationMs: number;
  /** The failure's stable code (`deadline_exceeded`, `rate_limited`, ...); absent when it answered. */
  errorType?: string;
  /** The failure came from a sub-agent, which reported it itself (count it once, there). */
  propagated?: boolean;
}

/** One model call ended. */
export interface ObservedModelCall extends ObservedStep {
  /** The model asked for (`anthropic:claude-…`, `offline`). */
  modelId: string;
  provider: string;
  /** The model that answered, as the provider named it (absent when the call failed). */
  responseModel?: string;
  durationMs: number;
  /** Tokens the call used (zero when it failed). */
  usage: Usage;
  errorType?: string;
}

/** One tool call ended (whatever its outcome: unknown tool, invalid arguments and timeouts included). */
export interface ObservedToolCall extends ObservedStep {
  tool: string;
  durationMs: number;
  isError: boolean;
}

/**
 * Watches a run without taking part in it: metrics, usage accounting. Given to the `Runner`, it travels
 * in the run context to every agent, child run and branch. Implementations must be quick and must not
 * throw (a throw is caught and dropped: observing never fails a run). The runtime knows nothing of
 * Prometheus; the bridges' metrics implement this.
 */
export interface RunObserver {
  agentStarted?(step: ObservedStep): void;
  agentEnded?(run: ObservedAgentRun): void;
  modelCalled?(call: ObservedModelCall): void;
  toolCalled?(call: ObservedToolCall): void;
  /** Every event of the run as the Runner yields it (route decisions, errors, ...). */
  event?(event: AgentEvent, tenantId: string): void;
}

/** Calls one hook of `observer`, swallowing what it throws. */
export function notify<K extends keyof RunObserver>(
  observer: RunObserver | undefined,
  hook: K,
  ...args: Parameters<NonNullable<RunObserver[K]>>
): void;
// Hooks take one or two arguments: passed as they are, not gathered into an array and spread again
// (several calls a model call, tool call and event of every run).
export function notify(observer: RunObserver | undefined, hook: keyof RunObserver, first: unknown, second?: unknown) {
  const fn = observer?.[hook] as ((a: unknown, b: unknown) => void) | undefined;
  if (fn === undefined) return;
  try {
    fn.call(observer, first, second);
  } catch {
    // Observing must never fail a run.
  }
}

/** Several observers as one. */
export function combineObservers(...observers: Array<RunObserver | undefined>): RunObserver | undefined {
  const present = observers.filter((o): o is RunObserver => o !== undefined);
  if (present.length <= 1) return present[0];
  return {
    agentStarted: (s) => {
      for (const o of present) notify(o, 'agentStarted', s);
    },
    agentEnded: (r) => {
      for (const o of present) notify(o, 'agentEnded', r);
    },
    modelCalled: (c) => {
      for (const o of present) notify(o, 'modelCalled', c);
    },
    toolCalled: (c) => {
      for (const o of present) notify(o, 'toolCalled', c);
    },
    event: (e, t) => {
      for (const o of present) notify(o, 'event', e, t);
    },
  };
}
