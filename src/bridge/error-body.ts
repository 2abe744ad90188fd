import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { VentrosError, wireOutcomeOf } from '../shared/index.js';

/** The JSON body of every error answer: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/**
 * HTTP status and body for anything thrown while handling a request, by the shared error-code table.
 * Unknown errors hide their message (it may carry internals).
 */
export function toErrorResponse(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (VentrosError.isInstance(error)) {
    const status = wireOutcomeOf(error.code).http as ContentfulStatusCode;
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details) body.error.details = error.details;
    return { status, body };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}
