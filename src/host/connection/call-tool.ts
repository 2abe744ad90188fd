import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type CallToolResult, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { DeadlineExceededError, deadlineSignal, errorMessage, toMeta } from '../../shared/index.js';
import { HostError } from '../errors.js';
import type { HostCallContext, HostToolResult } from '../types.js';
import { errorResult, toHostResult } from './call-result.js';
import type { ServerConnection } from './server-connection.js';

/** Argument keys a model must not set: the trusted context travels in `_meta`, never in arguments. */
const UNTRUSTED_KEYS = new Set(['_meta', 'tenant_id', 'tenantId']);

/** The model's arguments without any attempt to choose the tenant or write `_meta`. */
export function sanitizeArguments(args: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) if (!UNTRUSTED_KEYS.has(key)) clean[key] = value;
  return clean;
}

/**
 * Runs one request against a server within `timeoutMs` and the caller's signal, waiting for a
 * restart in progress. Host failures come out as typed `HostError`s (`deadline_exceeded`,
 * `cancelled`, `server_crashed`, `server_unavailable`, `closed`); a JSON-RPC error from the server
 * as `protocol_error`.
 */
export async function runServerRequest<T>(
  connection: ServerConnection,
  what: { method: string; tool?: string },
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  request: (client: Client, options: { signal?: AbortSignal; timeout: number }) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  let waitSignal: AbortSignal | undefined;
  try {
    let client = connection.readyClient();
    if (!client) {
      // Slow path only (connecting or restarting): bound the wait by the call's own deadline.
      waitSignal = deadlineSignal(timeoutMs, callerSignal);
      client = await connection.ready(waitSignal, what.tool);
    }
    // The SDK enforces the deadline (and sends notifications/cancelled when it passes or the caller
    // aborts), so the hot path allocates no timer or combined signal of its own.
    const timeout = Math.max(1, Math.round(timeoutMs - (performance.now() - started)));
    return await request(client, { ...(callerSignal ? { signal: callerSignal } : {}), timeout });
  } catch (error) {
    throw toHostError(error, connection, what, callerSignal, waitSignal, timeoutMs);
  }
}

function toHostError(
  error: unknown,
  connection: ServerConnection,
  what: { method: string; tool?: string },
  callerSignal: AbortSignal | undefined,
  waitSignal: AbortSignal | undefined,
  timeoutMs: number,
): HostError {
  const callerAborted = callerSignal?.aborted === true;
  const timedOut =
    (callerAborted && callerSignal?.reason instanceof DeadlineExceededError) ||
    (!callerAborted && waitSignal?.aborted === true) ||
    (!callerAborted && error instanceof McpError && error.code === ErrorCode.RequestTimeout);
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
  const connectionLost =
    (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) || errorMessage(error) === 'Not connected';
  if (connectionLost || connection.isConnectionLoss()) {
    if (connection.status().state === 'closed') return new HostError('closed', 'the host is closed', { details });
    const tail = connection.stderr().at(-1);
    return new HostError(
      'server_crashed',
      `${target} crashed during ${what.method}${tail ? ` (stderr: ${tail.slice(0, 300)})` : ''}; it is being restarted`,
      { cause: error, details },
    );
  }
  if (error instanceof McpError) {
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
export async function callServerTool(
  connection: ServerConnection,
  toolName: string,
  args: Record<string, unknown>,
  context: HostCallContext,
  timeoutMs: number,
): Promise<HostToolResult> {
  const meta: Record<string, unknown> = toMeta(context);
  const progress = context.onProgress ? connection.trackProgress(context.onProgress) : undefined;
  if (progress) meta.progressToken = progress.token;
  try {
    const result = await runServerRequest(
      connection,
      { method: 'tools/call', tool: toolName },
      timeoutMs,
      context.signal,
      (client, requestOptions) =>
        client.callTool(
          {
            name: toolName,
            arguments: sanitizeArguments(args),
            ...(Object.keys(meta).length > 0 ? { _meta: meta } : {}),
          },
          undefined,
          requestOptions,
        ),
    );
    return toHostResult(result as CallToolResult);
  } catch (error) {
    if (HostError.isInstance(error) && error.code === 'protocol_error') return errorResult(error.message);
    throw error;
  } finally {
    progress?.dispose();
  }
}
