import { VentrosError } from '../../shared/errors.js';
import type { ErrorEvent } from '../events.js';
import { errorOfEvent } from '../runtime/event-factory.js';

/**
 * The typed error behind a run's final `error` event, so a streaming bridge ends with the same status
 * the unary call would give (INVALID_ARGUMENT, DEADLINE_EXCEEDED, ...), not a success.
 */
export function errorFromEvent(event: ErrorEvent): VentrosError {
  return errorOfEvent(event) ?? new VentrosError(event.code, event.message);
}
