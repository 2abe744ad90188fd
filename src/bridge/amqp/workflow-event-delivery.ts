import { errorMessage, sleep } from '../../shared/index.js';
import { backoffDelay } from '../outbox/backoff.js';
import { classifyRunFailure } from './classify-error.js';
import type { RunRetry } from './handle-message.js';

/** What to do with one workflow event once handled. */
export type WorkflowDeliveryOutcome =
  | { kind: 'ack' }
  | { kind: 'dead_letter'; errorType: string; error: string; attempts: number }
  /** Shutting down: the broker redelivers it (bounded by the queue's delivery limit). */
  | { kind: 'requeue'; reason: string };

export interface WorkflowDeliveryDeps {
  /** The application's handler (`handleWorkflowEvent` over the running engine). */
  handle: (event: unknown) => Promise<unknown>;
  retry: RunRetry;
  /** Fires when the consumer is closing: no new attempt starts, the event is requeued. */
  closing: AbortSignal;
}

/**
 * Decodes one delivery and hands the event to the application. Starting a workflow is idempotent (a
 * redelivered `contact.created` finds its workflow), so a failure is simply tried again: transient
 * ones (the database restarting) with backoff within the delivery, then dead-lettered; permanent ones
 * (a malformed event: `invalid_argument`) dead-lettered at once. Never throws.
 */
export async function handleWorkflowDelivery(
  content: Buffer,
  deps: WorkflowDeliveryDeps,
): Promise<WorkflowDeliveryOutcome> {
  let event: unknown;
  try {
    event = JSON.parse(content.toString('utf8'));
  } catch (error) {
    return {
      kind: 'dead_letter',
      errorType: 'invalid_json',
      error: `body is not JSON: ${errorMessage(error)}`,
      attempts: 1,
    };
  }
  const maxAttempts = Math.max(1, deps.retry.maxAttempts);
  for (let attempt = 1; ; attempt++) {
    if (deps.closing.aborted) return { kind: 'requeue', reason: 'consumer closing' };
    try {
      await deps.handle(event);
      return { kind: 'ack' };
    } catch (error) {
      const failure = classifyRunFailure(error);
      if (!failure.transient || attempt >= maxAttempts) {
        return { kind: 'dead_letter', errorType: failure.errorType, error: errorMessage(error), attempts: attempt };
      }
    }
    try {
      await sleep(backoffDelay(attempt, deps.retry), deps.closing);
    } catch {
      return { kind: 'requeue', reason: 'consumer closing' };
    }
  }
}
