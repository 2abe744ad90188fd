import * as grpc from '@grpc/grpc-js';
import { abortReason, sleep } from '../../shared/index.js';
import { fromGrpcError, grpcStatusOf, RETRYABLE_CODES } from './grpc-errors.js';

/** Default deadline of one gRPC call attempt (the spec's "default 2 s" for the memory/tool services). */
export const DEFAULT_DEADLINE_MS = 2_000;

export interface UnaryCallOptions {
  /** Deadline of EACH attempt. */
  deadlineMs?: number;
  /** Total attempts (1 = no retry); only UNAVAILABLE / DEADLINE_EXCEEDED are retried. */
  maxAttempts?: number;
  /** First backoff; doubles each retry, with ±20% jitter, capped at 2 s. */
  backoffMs?: number;
  signal?: AbortSignal | undefined;
  metadata?: grpc.Metadata;
}

type UnaryMethod = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response?: unknown) => void,
) => grpc.ClientUnaryCall;

function attempt(client: grpc.Client, method: string, request: unknown, options: UnaryCallOptions): Promise<unknown> {
  const fn = (client as unknown as Record<string, UnaryMethod | undefined>)[method];
  if (typeof fn !== 'function') return Promise.reject(new Error(`gRPC method ${method} not found on client`));
  return new Promise((resolve, reject) => {
    const deadline = new Date(Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS));
    const signal = options.signal;
    const call = fn.call(client, request, options.metadata ?? new grpc.Metadata(), { deadline }, (error, response) => {
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(response);
    });
    function onAbort() {
      call.cancel();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One unary call with a per-attempt deadline, bounded retries with exponential backoff on UNAVAILABLE
 * and DEADLINE_EXCEEDED, and cancellation by `signal`. Failures come out as typed errors
 * (fromGrpcError); an abort comes out as the signal's reason.
 */
export async function unaryCall<T>(
  client: grpc.Client,
  method: string,
  request: unknown,
  options: UnaryCallOptions = {},
): Promise<T> {
  const maxAttempts = Math.max(1, Math.min(options.maxAttempts ?? 3, 10));
  let backoff = options.backoffMs ?? 50;
  for (let n = 1; ; n++) {
    if (options.signal?.aborted) throw abortReason(options.signal);
    try {
      return (await attempt(client, method, request, options)) as T;
    } catch (error) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      const st = grpcStatusOf(error);
      if (!st || !RETRYABLE_CODES.has(st.code) || n >= maxAttempts) throw fromGrpcError(error, method);
      const jitter = 0.8 + Math.random() * 0.4;
      await sleep(Math.min(2_000, backoff * jitter), options.signal);
      backoff *= 2;
    }
  }
}
