/**
 * Every error code this project puts on a `VentrosError`, and what each means on every wire: the HTTP
 * status, the gRPC status, and what the RabbitMQ bridge does with a message whose run failed with it
 * (retry it later, or dead-letter it under an error type). One table, shared by all bridges, so the
 * same failure gets the same answer wherever it arrives.
 *
 * gRPC statuses are the numeric codes of the gRPC spec (stable across languages), so this module needs
 * no gRPC library.
 */

/** gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;
export type GrpcStatusCode = (typeof GrpcStatus)[keyof typeof GrpcStatus];

/** What the RabbitMQ bridge does with a message whose run failed: try again later, or dead-letter it. */
export type AmqpOutcome = 'retry' | 'dead_letter';

/** How one error code travels on each wire. */
export interface WireOutcome {
  http: number;
  grpc: GrpcStatusCode;
  amqp: AmqpOutcome;
  /** The dead letter's `x-ventros-error-type` (and the DLQ filter of `ventros dlq`). */
  errorType: string;
}

const t = (http: number, grpc: GrpcStatusCode, amqp: AmqpOutcome, errorType: string): WireOutcome => ({
  http,
  grpc,
  amqp,
  errorType,
});

/**
 * The table. Codes are grouped by who raises them; a code missing here is `internal` on every wire
 * (HTTP 500, gRPC INTERNAL, retried, then dead-lettered as `unknown_error`).
 */
export const ERROR_CODES = {
  // The caller's fault: never worth a retry.
  invalid_argument: t(400, GrpcStatus.INVALID_ARGUMENT, 'dead_letter', 'invalid_input'),
  unauthenticated: t(401, GrpcStatus.UNAUTHENTICATED, 'dead_letter', 'auth_error'),
  permission_denied: t(403, GrpcStatus.PERMISSION_DENIED, 'dead_letter', 'auth_error'),
  not_found: t(404, GrpcStatus.NOT_FOUND, 'dead_letter', 'not_found'),
  method_not_allowed: t(405, GrpcStatus.UNIMPLEMENTED, 'dead_letter', 'invalid_input'),
  conflict: t(409, GrpcStatus.ALREADY_EXISTS, 'dead_letter', 'conflict'),
  /** A decision on an approval that is no longer pending. */
  already_decided: t(409, GrpcStatus.FAILED_PRECONDITION, 'dead_letter', 'conflict'),
  payload_too_large: t(413, GrpcStatus.RESOURCE_EXHAUSTED, 'dead_letter', 'invalid_input'),
  unsupported_media_type: t(415, GrpcStatus.INVALID_ARGUMENT, 'dead_letter', 'invalid_input'),
  upgrade_required: t(426, GrpcStatus.FAILED_PRECONDITION, 'dead_letter', 'invalid_input'),
  failed_precondition: t(400, GrpcStatus.FAILED_PRECONDITION, 'dead_letter', 'precondition'),
  // A client too slow to send its request (HTTP only; it is not the server's failure).
  request_timeout: t(408, GrpcStatus.DEADLINE_EXCEEDED, 'retry', 'timeout_error'),
  // Limits and load: retried later.
  rate_limited: t(429, GrpcStatus.RESOURCE_EXHAUSTED, 'retry', 'rate_limited'),
  resource_exhausted: t(429, GrpcStatus.RESOURCE_EXHAUSTED, 'retry', 'rate_limited'),
  unavailable: t(503, GrpcStatus.UNAVAILABLE, 'retry', 'unavailable'),
  // Time and cancellation.
  deadline_exceeded: t(504, GrpcStatus.DEADLINE_EXCEEDED, 'retry', 'timeout_error'),
  tool_timeout: t(504, GrpcStatus.DEADLINE_EXCEEDED, 'retry', 'timeout_error'),
  cancelled: t(499, GrpcStatus.CANCELLED, 'retry', 'cancelled'),
  // The host's MCP servers.
  connect_failed: t(503, GrpcStatus.UNAVAILABLE, 'retry', 'unavailable'),
  server_unavailable: t(503, GrpcStatus.UNAVAILABLE, 'retry', 'unavailable'),
  server_crashed: t(503, GrpcStatus.UNAVAILABLE, 'retry', 'unavailable'),
  closed: t(503, GrpcStatus.UNAVAILABLE, 'retry', 'unavailable'),
  /** A remote MCP server wants an OAuth login a person must do (`ventros mcp login`). */
  auth_required: t(503, GrpcStatus.UNAVAILABLE, 'retry', 'unavailable'),
  // The agents themselves: a bug or a model that misbehaves; retried within the attempt budget.
  max_iterations_exceeded: t(500, GrpcStatus.INTERNAL, 'retry', 'agent_error'),
  callback_failed: t(500, GrpcStatus.INTERNAL, 'retry', 'agent_error'),
  internal: t(500, GrpcStatus.INTERNAL, 'retry', 'unknown_error'),
} as const satisfies Record<string, WireOutcome>;

/** A code of the table. Layers may raise others (they map to `internal`). */
export type ErrorCode = keyof typeof ERROR_CODES;

/** How `code` travels on every wire (`internal` for codes outside the table). */
export function wireOutcomeOf(code: string): WireOutcome {
  return (ERROR_CODES as Record<string, WireOutcome>)[code] ?? ERROR_CODES.internal;
}

/** True when `code` is in the table. */
export function isKnownErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
