import type { status } from '@grpc/grpc-js';
import { GrpcStatus, VentrosError, wireOutcomeOf } from '../../shared/index.js';

/** A gRPC error for anything thrown by the application: the spec's status table, by error code. */
export function toServiceError(error: unknown): { code: status; details: string } {
  if (VentrosError.isInstance(error)) {
    return { code: wireOutcomeOf(error.code).grpc as number as status, details: error.message };
  }
  return { code: GrpcStatus.INTERNAL as number as status, details: 'internal error' };
}
