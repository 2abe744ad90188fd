import type { CallToolResult } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import { abortReason } from '../../shared/index.js';
import { runWithLogTrace } from '../../shared/telemetry/log-trace.js';
import { type ContextDefaults, createCallContext, type RequestExtraLike } from './call-context.js';
import { callDeadline } from './call-deadline.js';
import { enforceAccess } from './contact-scope.js';
import type { ToolSpec } from './define-tool.js';
import type { OnceRunner } from './idempotency.js';
import { errorResult, successResult } from './tool-result.js';
import { startToolCallSpan } from './tool-span.js';

/** Deadline of a tool call when its spec sets none. */
export const DEFAULT_TOOL_TIMEOUT_MS = 30_000;

/** What one registered tool runs with, shared by its MCP handler and its direct (in-process) entry. */
export interface ToolBinding {
  tool: ToolSpec;
  defaults: ContextDefaults;
  /** Set for writing tools of a server with an idempotency store. */
  once: OnceRunner | undefined;
}

/**
 * Runs one call of a tool on arguments its input schema already validated: a deadline (the spec's
 * `timeoutMs` or 30 s) combined with the client's cancellation, released when it ends; the trusted
 * context from `_meta`; the audience rules (`enforceAccess`) before the handler; once per idempotency
 * key for a writing tool; a server span when the caller traces. Failures become `isError` results.
 * Both the MCP `tools/call` handler and the host's direct path call this, so they answer the same
 * (a direct caller that reads only the structured result may go without its JSON text: `structuredOnly`).
 */
export async function invokeTool(
  binding: ToolBinding,
  args: Record<string, unknown>,
  extra: RequestExtraLike,
  clientSignal: AbortSignal | undefined,
  clientTimeoutMs?: number,
  structuredOnly = false,
): Promise<CallToolResult> {
  const { tool, defaults, once } = binding;
  const timeoutMs = tool.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
  // A client that aborts `clientSignal` at its own deadline, no later than ours, always ends the call
  // first (its clock started earlier): our deadline could never fire, so it costs nothing to skip it.
  const deadline =
    clientSignal && clientTimeoutMs !== undefined && clientTimeoutMs <= timeoutMs
      ? { signal: clientSignal, release: noop }
      : callDeadline(timeoutMs, clientSignal);
  const ctx = createCallContext(extra, defaults, deadline.signal);
  const span = startToolCallSpan(tool, extra._meta, ctx, args);
  try {
    enforceAccess(tool, args, ctx);
    const handle = () =>
      runWithLogTrace(span.traceparent, () => tool.handler(args as z.infer<z.ZodObject<z.ZodRawShape>>, ctx));
    const key = ctx.idempotencyKey;
    const value = await runUntilAborted(
      once && key ? () => once.run({ tenantId: ctx.tenantId, tool: tool.name, key }, handle) : handle,
      deadline.signal,
    );
    span.end(value);
    return successResult(value, tool.present?.bind(tool), structuredOnly);
  } catch (error) {
    span.end(undefined, error);
    return errorResult(tool.name, error);
  } finally {
    deadline.release();
  }
}

function noop(): void {}

/** Runs `fn`, rejecting as soon as `signal` aborts so a stuck handler never holds the call open. */
export async function runUntilAborted<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw abortReason(signal);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([fn(), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
