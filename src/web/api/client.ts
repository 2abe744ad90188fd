import type { z } from 'zod/mini';
import { readSse, type SseMessage } from './sse.js';

/** A refused API call: the server's `{error: {code, message}}`, or the HTTP status when it sent none. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  get<T>(path: string, schema: z.ZodMiniType<T>): Promise<T>;
  /** GET without a schema, for lists whose envelope varies (see parseList). */
  getRaw(path: string): Promise<unknown>;
  post<T>(path: string, body: unknown, schema: z.ZodMiniType<T>): Promise<T>;
  /** POST whose answer is read without a schema (actions: approve, reprocess). */
  postRaw(path: string, body: unknown): Promise<unknown>;
  /** POSTs and yields the answer's Server-Sent Events. */
  stream(path: string, body: unknown, signal: AbortSignal): AsyncGenerator<SseMessage>;
  /**
   * Whether the server has a route: anything but a 404 from the router (`no route for …`). A 404 from
   * an existing route (an unknown session) still counts as present.
   */
  exists(path: string): Promise<boolean>;
}

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (body.error?.message) return new ApiError(res.status, body.error.code ?? 'error', body.error.message);
  } catch {
    // not JSON
  }
  return new ApiError(res.status, `http_${res.status}`, text.trim().slice(0, 300) || `HTTP ${res.status}`);
}

/**
 * Calls the server's API with the tab's token. `onUnauthorized` runs on a 401 (the page then asks for a
 * token); the call still fails with an ApiError.
 */
export function createApiClient(token: () => string | undefined, onUnauthorized: () => void): ApiClient {
  const headers = (json: boolean): Record<string, string> => {
    const h: Record<string, string> = { accept: 'application/json' };
    const t = token();
    if (t) h['authorization'] = `Bearer ${t}`;
    if (json) h['content-type'] = 'application/json';
    return h;
  };
  const call = async (path: string, init: RequestInit): Promise<Response> => {
    const res = await fetch(path, { ...init, credentials: 'omit', cache: 'no-store' });
    if (res.status === 401) onUnauthorized();
    if (!res.ok) throw await errorOf(res);
    return res;
  };
  const parse = <T>(schema: z.ZodMiniType<T>, value: unknown, path: string): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ApiError(200, 'unexpected_answer', `${path}: unexpected answer shape`);
    return parsed.data;
  };
  return {
    async get(path, schema) {
      const res = await call(path, { headers: headers(false) });
      return parse(schema, await res.json(), path);
    },
    async getRaw(path) {
      const res = await call(path, { headers: headers(false) });
      return res.json();
    },
    async post(path, body, schema) {
      const res = await call(path, { method: 'POST', headers: headers(true), body: JSON.stringify(body) });
      return parse(schema, await res.json(), path);
    },
    async postRaw(path, body) {
      const res = await call(path, { method: 'POST', headers: headers(true), body: JSON.stringify(body) });
      const text = await res.text();
      try {
        return text ? JSON.parse(text) : undefined;
      } catch {
        return text;
      }
    },
    async *stream(path, body, signal) {
      const res = await call(path, {
        method: 'POST',
        headers: { ...headers(true), accept: 'text/event-stream' },
        body: JSON.stringify(body),
        signal,
      });
      if (!res.body) throw new ApiError(res.status, 'no_body', 'the stream has no body');
      yield* readSse(res.body);
    },
    async exists(path) {
      const res = await fetch(path, { headers: headers(false), credentials: 'omit', cache: 'no-store' });
      if (res.status === 401) onUnauthorized();
      if (res.status !== 404) return true;
      const text = await res.text().catch(() => '');
      return !/"no route for /.test(text) && text.trim().startsWith('{');
    },
  };
}
