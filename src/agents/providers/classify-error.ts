import { errorMessage } from '../../shared/index.js';
import {
  ModelAuthError,
  ModelBadRequestError,
  ModelError,
  ModelOverloadedError,
  type ModelProvider,
  ModelRateLimitedError,
  ModelUnavailableError,
} from './errors.js';

/** Node/undici error codes of a connection that failed or dropped: worth another try. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = field(error, 'headers');
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = field(headers, name);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Milliseconds a provider asked us to wait: `retry-after-ms`, then `retry-after` (seconds or an
 * HTTP date), then Gemini's `google.rpc.RetryInfo.retryDelay` ("1.5s") inside the error body.
 */
export function retryAfterMsOf(error: unknown, now = Date.now()): number | undefined {
  const afterMs = headerOf(error, 'retry-after-ms');
  if (afterMs !== undefined && Number.isFinite(Number(afterMs)) && Number(afterMs) >= 0) return Number(afterMs);
  const after = headerOf(error, 'retry-after');
  if (after !== undefined) {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const delay = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(errorMessage(error));
  if (delay?.[1] !== undefined) return Number(delay[1]) * 1000;
  return undefined;
}

/** The provider's own words: Anthropic's `apiMessage`, or Gemini's `error.message` in the JSON message. */
function providerMessage(error: unknown): string {
  const api = field(error, 'apiMessage');
  if (typeof api === 'string' && api) return api;
  const text = errorMessage(error);
  const start = text.indexOf('{');
  if (start >= 0) {
    try {
      const inner = field(field(JSON.parse(text.slice(start)), 'error'), 'message');
      if (typeof inner === 'string' && inner) return inner;
    } catch {
      // Not JSON: the plain message is all there is.
    }
  }
  return text;
}

function isConnectionFailure(error: unknown): boolean {
  const name = field(error, 'name');
  if (name === 'APIConnectionError' || name === 'APIConnectionTimeoutError') return true;
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; e = field(e, 'cause'), depth++) {
    const code = field(e, 'code');
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  }
  return error instanceof TypeError && /fetch failed|terminated|socket/i.test(error.message);
}

/**
 * Maps anything a provider SDK threw to our typed `ModelError` tree. Aborts are not handled here:
 * the caller checks its signal first (an aborted call is cancelled or past its deadline, not failed).
 */
export function classifyModelError(provider: ModelProvider, error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  const rawStatus = field(error, 'status');
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  const type = field(error, 'type');
  const message = `${provider}: ${providerMessage(error)}`;
  const retryAfterMs = retryAfterMsOf(error);
  const options = {
    provider,
    cause: error,
    ...(status === undefined ? {} : { status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
  if (status === 429 || type === 'rate_limit_error') return new ModelRateLimitedError(message, options);
  if (status === 529 || status === 503 || type === 'overloaded_error')
    return new ModelOverloadedError(message, options);
  if (status === 401 || status === 403) return new ModelAuthError(message, options);
  if (status !== undefined && (status >= 500 || status === 408 || status === 409)) {
    return new ModelUnavailableError(message, options);
  }
  if (status !== undefined && status >= 400) return new ModelBadRequestError(message, options);
  if (type === 'api_error') return new ModelUnavailableError(message, options);
  if (isConnectionFailure(error)) return new ModelUnavailableError(message, options);
  return new ModelError('internal', message, { ...options, retryable: false });
}
