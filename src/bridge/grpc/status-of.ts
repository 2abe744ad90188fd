import { status } from '@grpc/grpc-js';
import { GrpcStatus, VentrosError, wireOutcomeOf } from '../../shared/index.js';
import { type DetailedServiceError, detailedError } from './error-details.js';

/** A VentrosError's details as ErrorDetails metadata: strings only, so the CRM reads them as they are. */
function stringMap(details: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/**
 * A gRPC error for anything thrown by the application: the spec's status table, by error code, with
 * ErrorDetails (`code` in capitals, as the spec writes them: `DEADLINE_EXCEEDED`).
 */
export function toServiceError(error: unknown): DetailedServiceError {
  if (VentrosError.isInstance(error)) {
    return detailedError(wireOutcomeOf(error.code).grpc as number as status, {
      code: error.code.toUpperCase(),
      message: error.message,
      metadata: stringMap(error.details),
    });
  }
  return detailedError(GrpcStatus.INTERNAL as number as status, { code: 'INTERNAL', message: 'internal error' });
}

/** The caller's request is malformed: INVALID_ARGUMENT with what to fix. */
export function invalidArgument(message: string, suggestions: string[] = []): DetailedServiceError {
  return detailedError(status.INVALID_ARGUMENT, { code: 'INVALID_ARGUMENT', message, suggestions });
}
