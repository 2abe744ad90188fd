import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { VentrosError } from '../../shared/index.js';

const STATUS_BY_CODE: Record<string, ContentfulStatusCode> = {
  invalid_argument: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  rate_limited: 429,
  cancelled: 499 as ContentfulStatusCode,
  deadline_exceeded: 504,
  unavailable: 503,
};

/** The JSON body of every error answer: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** HTTP status and body for anything thrown while handling a request. Unknown errors hide their message. */
export function toErrorResponse(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (VentrosError.isInstance(error)) {
    const status = STATUS_BY_CODE[error.code] ?? 500;
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details) body.error.details = error.details;
    return { status, body };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}
