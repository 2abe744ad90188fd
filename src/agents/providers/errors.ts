import { VentrosError } from '../../shared/index.js';

/** Which provider a model error came from. */
export type ModelProvider = 'anthropic' | 'gemini' | 'offline';

interface ModelErrorOptions {
  provider: ModelProvider;
  status?: number;
  retryable: boolean;
  /** What the provider asked us to wait before retrying (`retry-after`, Gemini's RetryInfo). */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A provider call failed. `code` follows the gRPC names the bridges map to wire statuses:
 * `resource_exhausted` (429), `unavailable` (overloaded, 5xx, connection), `internal` (the provider
 * rejected what we sent — our bug, not the caller's), `failed_precondition` (bad or missing key).
 */
export class ModelError extends VentrosError {
  readonly provider: ModelProvider;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: ModelErrorOptions) {
    super(code, message, {
      cause: options.cause,
      details: { provider: options.provider, ...(options.status === undefined ? {} : { status: options.status }) },
    });
    this.provider = options.provider;
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(value: unknown): value is ModelError {
    return value instanceof ModelError;
  }
}

type SubclassOptions = Omit<ModelErrorOptions, 'retryable'>;

/** 429: too many requests or tokens for the account's limits. Retried. */
export class ModelRateLimitedError extends ModelError {
  constructor(message: string, options: SubclassOptions) {
    super('resource_exhausted', message, { ...options, retryable: true });
  }
}

/** 529 / `overloaded_error` (Anthropic) or 503 `UNAVAILABLE` (Gemini): the provider is busy. Retried. */
export class ModelOverloadedError extends ModelError {
  constructor(message: string, options: SubclassOptions) {
    super('unavailable', message, { ...options, retryable: true });
  }
}

/** Other 5xx, 408, 409 and connection failures. Retried. */
export class ModelUnavailableError extends ModelError {
  constructor(message: string, options: SubclassOptions) {
    super('unavailable', message, { ...options, retryable: true });
  }
}

/** 400/404/413/422: the provider rejected the request as built. Not retried (it would fail again). */
export class ModelBadRequestError extends ModelError {
  constructor(message: string, options: SubclassOptions) {
    super('internal', message, { ...options, retryable: false });
  }
}

/** 401/403: missing, wrong or unauthorised API key. Not retried. */
export class ModelAuthError extends ModelError {
  constructor(message: string, options: SubclassOptions) {
    super('failed_precondition', message, { ...options, retryable: false });
  }
}
