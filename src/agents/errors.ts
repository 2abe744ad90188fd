import { CancelledError, DeadlineExceededError, errorMessage, VentrosError } from '../shared/index.js';

/**
 * Base of every error the agents layer throws on purpose. `code` is stable and machine-readable; the
 * bridges map it to a wire status (`deadline_exceeded` → 504 / DEADLINE_EXCEEDED, ...).
 *
 * @example
 * throw new AgentError('missing_state_key', 'instruction of "sales" needs state key "plan"');
 */
export class AgentError extends VentrosError {
  constructor(code: string, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(code, message, options);
  }

  static override isInstance(value: unknown): value is AgentError {
    return value instanceof AgentError;
  }
}

/** An LLM agent called its model `maxIterations` times without reaching an answer. */
export class MaxIterationsExceededError extends AgentError {
  constructor(agent: string, maxIterations: number) {
    super('max_iterations_exceeded', `agent "${agent}" reached its limit of ${maxIterations} model calls`, {
      details: { agent, maxIterations },
    });
  }
}

/** One tool call passed its own deadline. The loop turns it into a tool error result; it never ends a run. */
export class ToolTimeoutError extends AgentError {
  constructor(tool: string, timeoutMs: number) {
    super('tool_timeout', `tool "${tool}" did not answer within ${timeoutMs} ms`, { details: { tool, timeoutMs } });
  }
}

/** The run's deadline passed. */
export class RunDeadlineExceededError extends AgentError {
  constructor(message = 'the run deadline was exceeded', options?: { cause?: unknown }) {
    super('deadline_exceeded', message, options);
  }
}

/** The caller cancelled the run. */
export class RunCancelledError extends AgentError {
  constructor(message = 'the run was cancelled', options?: { cause?: unknown }) {
    super('cancelled', message, options);
  }
}

/** A before/after callback threw. The agent stops (fail closed: a guard that breaks must not be skipped). */
export class CallbackError extends AgentError {
  constructor(callback: string, agent: string, cause: unknown) {
    super('callback_failed', `${callback} callback of agent "${agent}" failed: ${errorMessage(cause)}`, {
      cause,
      details: { callback, agent },
    });
  }
}

/** An agent is configured wrongly (bad name, duplicate sub-agent, ...). Thrown at construction. */
export class AgentConfigError extends AgentError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid_agent_config', message, details ? { details } : undefined);
  }
}

/**
 * The typed error for anything that ended a run. When the run's signal has fired, its reason wins (an
 * SDK's own abort error says less than our deadline/cancel); our errors pass through unchanged.
 */
export function toAgentError(error: unknown, signal?: AbortSignal): VentrosError {
  if (signal?.aborted) return fromAbortReason(signal.reason);
  if (error instanceof DeadlineExceededError) return new RunDeadlineExceededError(error.message, { cause: error });
  if (error instanceof CancelledError) return new RunCancelledError(error.message, { cause: error });
  if (error instanceof VentrosError) return error;
  return new AgentError('internal', errorMessage(error), { cause: error });
}

function fromAbortReason(reason: unknown): VentrosError {
  if (reason instanceof RunDeadlineExceededError || reason instanceof RunCancelledError) return reason;
  if (reason instanceof DeadlineExceededError) return new RunDeadlineExceededError(reason.message, { cause: reason });
  if (reason instanceof VentrosError) return reason;
  return new RunCancelledError(typeof reason === 'string' ? reason : 'the run was cancelled', { cause: reason });
}

/** A decision on an approval that is no longer pending (decided, expired): HTTP 409. */
export class ApprovalConflictError extends AgentError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('already_decided', message, details ? { details } : undefined);
    this.name = 'ApprovalConflictError';
  }
}
