import { status } from '@grpc/grpc-js';
import {
  CancelledError,
  DeadlineExceededError,
  InvalidInputError,
  NotFoundError,
  VentrosError,
} from '../../shared/index.js';

/** A gRPC failure that has no closer typed error (UNAVAILABLE, RESOURCE_EXHAUSTED, INTERNAL, ...). */
export class GrpcCallError extends VentrosError {
  constructor(
    code: string,
    message: string,
    readonly grpcCode: number,
  ) {
    super(code, message, { details: { grpc_code: grpcCode } });
  }
}

/** Status codes a call is retried on (the spec's retry strategy). */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([status.UNAVAILABLE, status.DEADLINE_EXCEEDED]);

/** `{ code, details }` of a grpc-js ServiceError, or undefined for anything else. */
export function grpcStatusOf(error: unknown): { code: number; details: string } | undefined {
  if (error === null || typeof error !== 'object' || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  if (typeof code !== 'number') return undefined;
  const { details, message } = error as { details?: unknown; message?: unknown };
  return { code, details: typeof details === 'string' && details ? details : String(message ?? '') };
}

/**
 * Maps a gRPC status to our typed errors per the spec's table: INVALID_ARGUMENT → InvalidInputError,
 * NOT_FOUND → NotFoundError, DEADLINE_EXCEEDED → DeadlineExceededError, CANCELLED → CancelledError,
 * RESOURCE_EXHAUSTED / UNAVAILABLE / INTERNAL / others → GrpcCallError with a stable code.
 */
export function fromGrpcError(error: unknown, what: string): Error {
  const st = grpcStatusOf(error);
  if (!st) return error instanceof Error ? error : new Error(String(error));
  const message = `${what}: ${st.details}`;
  switch (st.code) {
    case status.INVALID_ARGUMENT:
      return new InvalidInputError(message, { grpc_code: st.code });
    case status.NOT_FOUND:
      return new NotFoundError(message, { grpc_code: st.code });
    case status.DEADLINE_EXCEEDED:
      return new DeadlineExceededError(message, { grpc_code: st.code });
    case status.CANCELLED:
      return new CancelledError(message, { grpc_code: st.code });
    case status.RESOURCE_EXHAUSTED:
      return new GrpcCallError('resource_exhausted', `${message} (rate limited; try again later)`, st.code);
    case status.UNAVAILABLE:
      return new GrpcCallError('unavailable', `${message} (service unavailable)`, st.code);
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      return new GrpcCallError('permission_denied', message, st.code);
    default:
      return new GrpcCallError('internal', message, st.code);
  }
}
