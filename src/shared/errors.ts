/**
 * Base of every error this project throws on purpose. Each layer derives its own small tree
 * (`AgentError`, `HostError`, `ServerError`, ...) from it, so a bridge can map any of them to a
 * wire status by `code` without knowing the layer.
 */
export class VentrosError extends Error {
  /** Stable, machine-readable code, e.g. `deadline_exceeded`, `invalid_argument`. */
  readonly code: string;
  /** Extra facts for logs and wire bodies; never secrets. */
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options?.details) this.details = options.details;
  }

  static isInstance(value: unknown): value is VentrosError {
    return value instanceof VentrosError;
  }
}

/** Bad input from outside (CLI, HTTP, gRPC, AMQP, config). Maps to HTTP 400 / INVALID_ARGUMENT. */
export class InvalidInputError extends VentrosError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid_argument', message, details ? { details } : undefined);
  }
}

/** Something named does not exist. Maps to HTTP 404 / NOT_FOUND. */
export class NotFoundError extends VentrosError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('not_found', message, details ? { details } : undefined);
  }
}

/**
 * The caller may not do this (a customer naming an internal agent, a customer token on a staff
 * endpoint). Maps to HTTP 403 / PERMISSION_DENIED.
 */
export class PermissionDeniedError extends VentrosError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('permission_denied', message, details ? { details } : undefined);
  }
}

/** A deadline passed. Maps to HTTP 504 / DEADLINE_EXCEEDED. */
export class DeadlineExceededError extends VentrosError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('deadline_exceeded', message, details ? { details } : undefined);
  }
}

/** The caller cancelled. Maps to HTTP 499 / CANCELLED. */
export class CancelledError extends VentrosError {
  constructor(message = 'cancelled', details?: Record<string, unknown>) {
    super('cancelled', message, details ? { details } : undefined);
  }
}

/**
 * A tenant went over one of its limits (requests per minute, model tokens or estimated cost per day).
 * HTTP 429 with `Retry-After`, gRPC RESOURCE_EXHAUSTED, an AMQP delivery retried later.
 */
export class RateLimitedError extends VentrosError {
  /** When trying again can succeed, ms from now. */
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, details?: Record<string, unknown>) {
    super('rate_limited', message, { details: { ...details, retry_after_ms: Math.ceil(retryAfterMs) } });
    this.retryAfterMs = Math.max(0, Math.ceil(retryAfterMs));
  }
}

/** Human-readable message of anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
