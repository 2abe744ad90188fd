import { errorMessage, isKnownErrorCode, VentrosError, wireOutcomeOf } from '../../shared/index.js';

/** How a failed run is recorded on its dead letter (`x-ventros-error-type`) and whether to retry it. */
export interface FailureClass {
  errorType: string;
  /** Worth another attempt (timeouts, provider 5xx/429, dropped connections, unknown errors). */
  transient: boolean;
}

const CONNECTION = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EAI_AGAIN|socket hang up|connection (closed|lost|reset)/i;

/**
 * Classifies a run failure by the shared error-code table (and a provider error's `retryable` flag).
 * Unknown errors count as transient: the attempt budget bounds them, and a bug still ends in the DLQ.
 */
export function classifyRunFailure(error: unknown): FailureClass {
  if (VentrosError.isInstance(error)) {
    const retryable = (error as { retryable?: unknown }).retryable;
    if (isKnownErrorCode(error.code) && error.code !== 'internal') {
      const known = wireOutcomeOf(error.code);
      const transient = typeof retryable === 'boolean' ? retryable : known.amqp === 'retry';
      return { errorType: known.errorType, transient };
    }
    if (typeof retryable === 'boolean') return { errorType: error.code, transient: retryable };
  }
  const message = errorMessage(error);
  if (CONNECTION.test(message)) return { errorType: 'connection_error', transient: true };
  if (/time(d)? ?out|deadline/i.test(message)) return { errorType: 'timeout_error', transient: true };
  return { errorType: 'unknown_error', transient: true };
}

/** Names a failed publish for the outbox row: `connection_error`, `timeout_error`, `nacked`, ... */
export function classifyPublishFailure(error: unknown): string {
  if (VentrosError.isInstance(error)) {
    if (error.code === 'deadline_exceeded') return 'timeout_error';
    if (error.code === 'nacked') return 'nacked';
    if (error.code === 'unavailable') return 'connection_error';
  }
  const message = errorMessage(error);
  if (CONNECTION.test(message) || /channel (closed|ended)/i.test(message)) return 'connection_error';
  if (/time(d)? ?out/i.test(message)) return 'timeout_error';
  return 'unknown_error';
}
