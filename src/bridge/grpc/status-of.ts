import { status } from '@grpc/grpc-js';
import { VentrosError } from '../../shared/index.js';

const STATUS_BY_CODE: Record<string, status> = {
  invalid_argument: status.INVALID_ARGUMENT,
  not_found: status.NOT_FOUND,
  deadline_exceeded: status.DEADLINE_EXCEEDED,
  cancelled: status.CANCELLED,
  unauthenticated: status.UNAUTHENTICATED,
  permission_denied: status.PERMISSION_DENIED,
  resource_exhausted: status.RESOURCE_EXHAUSTED,
  rate_limited: status.RESOURCE_EXHAUSTED,
  failed_precondition: status.FAILED_PRECONDITION,
  unavailable: status.UNAVAILABLE,
};

/** A gRPC error for anything thrown by the application: the spec's status table, by error code. */
export function toServiceError(error: unknown): { code: status; details: string } {
  if (VentrosError.isInstance(error)) {
    return { code: STATUS_BY_CODE[error.code] ?? status.INTERNAL, details: error.message };
  }
  return { code: status.INTERNAL, details: 'internal error' };
}
