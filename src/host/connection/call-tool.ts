import type { CallToolRequest, CallToolResult, Client } from '@modelcontextprotocol/client';
import { ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { abortReason, DeadlineExceededError, deadlineSignal, errorMessage, toMetaIfAny } from '../../shared/index.js';
import { withTraceparent } from '../../shared/telemetry/trace-meta.js';
import { HostError } from '../errors.js';
import type { HostCallContext, HostToolResult } from '../types.js';
import { errorResult, toHostResult } from './call-result.js';
import { isModernClient } from './list-subscription.js';
import type { ServerConnection } from './server-connection.js';

/** Argument keys a model must not set: the trusted context travels in `_meta`, never in arguments. */
const UNTRUSTED_KEYS = new Set(['_meta', 'tenant_id', 'tenantId']);

/**
 * The model's arguments without any attempt to choose the tenant or write `_meta`. When there is
 * nothing to strip (the usual case) the same object comes back: no copy on the hot path.
 */
export function sanitizeArguments(args: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(args, '_meta') && !Object.hasOwn(args, 'tenant_id') && !Object.hasOwn(args, 'tenantId')) {
    return args;
  }
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) if (!UNTRUSTED_KEYS.has(key)) clean[key] = value;
  return clean;
}

/**
 * SDK failures of a 2026-07-28 input-required exchange (the call failed, the connection did not): the
 * rounds ran out, or one embedded request could not be answered (its error names the request's `key`;
 * the same codes without one keep their 2025-11-25 handling).
 */
function isUnanswerableInput(error: unknown): error is SdkError {
  if (!(error instanceof SdkError)) return false;
  if (error.code === SdkErrorCode.InputRequiredRoundsExceeded) return true;
  const embedded = typeof error.data === 'object' && error.data !== null && 'key' in error.data;
  return embedded && (error.code === SdkErrorCode.CapabilityNotSupported || error.code === SdkErrorCode.InvalidResult);
}

/** What a request is, for error messages. */
export interface RequestTarget {
  method: string;
  tool?: string;
}

/**
 * Runs one request against a server within `timeoutMs` and the caller's signal, waiting for a
 * restart in progress. When a Streamable HTTP server answers 404 for our session (it restarted or
 * expired it, so it never ran the request), the connection starts a new session and the request is
 * sent once more, within the same deadline. Host failures come out as typed `HostError`s
 * (`deadline_exceeded`, `cancelled`, `server_crashed`, `server_unavailable`, `closed`); a JSON-RPC
 * error from the server as `protocol_error`.
 */
export function runServerRequest<T>(
  connection: ServerConnection,
  what: RequestTarget,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  request: ServerRequest<T>,
): Promise<T> {
  const client = connection.readyClient();
  if (!client) return runWhenReady(connection, what, timeoutMs, callerSignal, request);
  const started = performance.now();
  // The hot path: nothing waited, so the whole deadline is left. The SDK enforces it (and sends
  // notifications/cancelled when it passes or the caller aborts), so no timer or combined signal of
  // our own; and a rejection handler instead of an async frame, one promise fewer per call.
  const options = callerSignal ? { signal: callerSignal, timeout: timeoutMs } : { timeout: timeoutMs };
  return request(client, options).then(undefined, (error: unknown) =>
    afterFailure(error, client, { connection, what, timeoutMs, callerSignal, request, started }),
  );
}

/** One request to run, for the slow paths. */
interface PendingRequest<T> {
  connection: ServerConnection;
  what: RequestTarget;
  timeoutMs: number;
  callerSignal: AbortSignal | undefined;
  request: ServerRequest<T>;
  /** `performance.now()` when the call began: the deadline counts from there. */
  started: number;
}

/** A request against a client, with the SDK's per-request options. */
export type ServerRequest<T> = (client: Client, options: { signal?: AbortSignal; timeout: number }) => Promise<T>;

/** The slow path: the connection is connecting or restarting; wait within the call's own deadline. */
async function runWhenReady<T>(
  connection: ServerConnection,
  what: RequestTarget,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  request: ServerRequest<T>,
): Promise<T> {
  const pending = { connection, what, timeoutMs, callerSignal, request, started: performance.now() };
  const waitSignal = deadlineSignal(timeoutMs, callerSignal);
  let client: Client;
  try {
    client = await connection.ready(waitSignal, what.tool);
  } catch (error) {
    throw toHostError(error, connection, what, callerSignal, waitSignal, timeoutMs);
  }
  try {
    return await request(client, requestOptions(timeoutMs, pending.started, callerSignal));
  } catch (error) {
    return afterFailure(error, client, pending, waitSignal);
  }
}

/**
 * After a request failed: when a Streamable HTTP server answered 404 for our session (it restarted
 * or expired it, so it never ran the request), wait for the new session and send the request once
 * more within the same deadline. Anything else becomes a typed `HostError`.
 */
async function afterFailure<T>(
  error: unknown,
  client: Client,
  pending: PendingRequest<T>,
  waitSignal?: AbortSignal,
): Promise<T> {
  const { connection, what, timeoutMs, callerSignal, started } = pending;
  if (!connection.recoverSession(client, error)) {
    throw toHostError(error, connection, what, callerSignal, waitSignal, timeoutMs);
  }
  const signal = waitSignal ?? deadlineSignal(timeoutMs - (performance.now() - started), callerSignal);
  try {
    const fresh = await connection.ready(signal, what.tool);
    return await pending.request(fresh, requestOptions(timeoutMs, started, callerSignal));
  } catch (retryError) {
    throw toHostError(retryError, connection, what, callerSignal, signal, timeoutMs);
  }
}

/** What is left of the deadline, and the caller's signal when there is one. */
function requestOptions(
  timeoutMs: number,
  started: number,
  callerSignal: AbortSignal | undefined,
): { signal?: AbortSignal; timeout: number } {
  const timeout = Math.max(1, Math.round(timeoutMs - (performance.now() - started)));
  return callerSignal ? { signal: callerSignal, timeout } : { timeout };
}

function toHostError(
  error: unknown,
  connection: ServerConnection,
  what: RequestTarget,
  callerSignal: AbortSignal | undefined,
  waitSignal: AbortSignal | undefined,
  timeoutMs: number,
): HostError {
  const callerAborted = callerSignal?.aborted === true;
  const timedOut =
    (callerAborted && callerSignal?.reason instanceof DeadlineExceededError) ||
    (!callerAborted && waitSignal?.aborted === true) ||
    (!callerAborted && error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) ||
    (!callerAborted && error instanceof DeadlineExceededError);
  if (HostError.isInstance(error) && !(timedOut && waitSignal)) return error;
  const details = { server: connection.name, ...(what.tool ? { tool: what.tool } : {}) };
  const target = what.tool
    ? `tool "${what.tool}" on MCP server "${connection.name}"`
    : `MCP server "${connection.name}"`;
  if (timedOut) {
    return new HostError('deadline_exceeded', `${target} did not answer ${what.method} within ${timeoutMs} ms`, {
      cause: error,
      details: { ...details, timeoutMs },
    });
  }
  if (callerAborted) {
    return new HostError('cancelled', `${what.method} to ${target} was cancelled`, { cause: error, details });
  }
  if (isUnanswerableInput(error)) {
    // 2026-07-28: the server kept asking (rounds exhausted) or asked what the host cannot answer.
    return new HostError('protocol_error', `${target} asked for input the host could not give: ${error.message}`, {
      cause: error,
      details: { ...details, sdkCode: error.code },
    });
  }
  const connectionLost =
    (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) ||
    errorMessage(error) === 'Not connected';
  if (connectionLost || connection.isConnectionLoss()) {
    if (connection.status().state === 'closed') return new HostError('closed', 'the host is closed', { details });
    const tail = connection.stderr().at(-1);
    return new HostError(
      'server_crashed',
      `${target} crashed during ${what.method}${tail ? ` (stderr: ${tail.slice(0, 300)})` : ''}; it is being restarted`,
      { cause: error, details },
    );
  }
  if (error instanceof ProtocolError) {
    return new HostError('protocol_error', `${target} answered ${what.method} with an error: ${error.message}`, {
      cause: error,
      details: { ...details, rpcCode: error.code },
    });
  }
  return new HostError('server_unavailable', `${target} could not be reached: ${errorMessage(error)}`, {
    cause: error,
    details,
  });
}

/**
 * Calls one tool with the trusted context in `_meta`. Tool failures — an `isError` result, or a
 * JSON-RPC error about this call (unknown tool, invalid arguments) — come back as data; host
 * failures throw `HostError`.
 */
export function callServerTool(
  connection: ServerConnection,
  target: RequestTarget & { tool: string },
  args: Record<string, unknown>,
  context: HostCallContext,
  timeoutMs: number,
): Promise<HostToolResult> {
  const params: CallToolRequest['params'] = { name: target.tool, arguments: sanitizeArguments(args) };
  // Built per call, never shared between calls: the object travels to the server as is.
  params._meta = withTraceparent(toMetaIfAny(context), context.traceparent);
  const progress = context.onProgress ? connection.trackProgress(context.onProgress) : undefined;
  if (progress) params._meta = { ...params._meta, progressToken: progress.token };
  const call = runServerRequest(connection, target, timeoutMs, context.signal, (client, options) =>
    isModernClient(client)
      ? withinDeadline(client, options, (within) => client.callTool(params, within))
      : client.callTool(params, options),
  ).then(toToolResult, toolFailure);
  return progress ? call.finally(progress.dispose) : call;
}

/**
 * Runs one request of a method that may take several rounds on 2026-07-28 (`tools/call`,
 * `prompts/get`, `resources/read`: the server answers input-required, the host asks its handlers, then
 * re-sends the request). The SDK applies `timeout` to each round's request, so on such a client the
 * deadline is also given as the total budget, and as a signal that ends a question still waiting for
 * its answer. (On 2025-11-25 the question is asked inside the one request, under its timeout.)
 */
export async function withinDeadline<T>(
  client: Client,
  options: { signal?: AbortSignal; timeout: number },
  run: (options: { signal?: AbortSignal; timeout: number; maxTotalTimeout?: number }) => Promise<T>,
): Promise<T> {
  if (!isModernClient(client)) return run(options);
  const signal = deadlineSignal(options.timeout, options.signal);
  try {
    return await run({ ...options, maxTotalTimeout: options.timeout, signal });
  } catch (error) {
    // Whatever failed first (a question cut off, a round aborted), the deadline is the reason.
    if (signal.aborted && !options.signal?.aborted) throw abortReason(signal);
    throw error;
  }
}

function toToolResult(result: unknown): HostToolResult {
  return toHostResult(result as CallToolResult);
}

/** A JSON-RPC error about this one call (unknown tool, invalid arguments) is a result the model reads. */
function toolFailure(error: unknown): HostToolResult {
  if (HostError.isInstance(error) && error.code === 'protocol_error') return errorResult(error.message);
  throw error;
}

/** The request target of a tool call, built once per catalog entry instead of per call. */
export function toolTarget(tool: string): RequestTarget & { tool: string } {
  return { method: 'tools/call', tool };
}
