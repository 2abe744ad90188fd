import type { CallToolResult } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import { onAbort } from '../../shared/abort-callbacks.js';
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
      ? undefined
      : callDeadline(timeoutMs, clientSignal);
  const signal = deadline ? deadline.signal : (clientSignal as AbortSignal);
  const ctx = createCallContext(extra, defaults, signal);
  const span = startToolCallSpan(tool, extra._meta, ctx, args);
  try {
    enforceAccess(tool, args, ctx);
    const run = () => tool.handler(args as z.infer<z.ZodObject<z.ZodRawShape>>, ctx);
    // Without a span there is no trace for log lines to join: no async context to enter.
    const traceparent = span.traceparent;
    const handle = traceparent === undefined ? run : () => runWithLogTrace(traceparent, run);
    const key = ctx.idempotencyKey;
    const value = await runUntilAborted(
      once && key
        ? () =>
            once.run({ tenantId: ctx.tenantId, tool: tool.name, key }, (recordWith) => {
              if (recordWith) ctx.recordWith = recordWith;
              return handle();
            })
        : handle,
      signal,
    );
    span.end(value);
    return successResult(value, tool.present?.bind(tool), structuredOnly);
  } catch (error) {
    span.end(undefined, error);
    return errorResult(tool.name, error);
  } finally {
    deadline?.release();
  }
}

/**
 * Runs `fn`, rejecting as soon as `signal` aborts so a stuck handler never holds the call open. One
 * promise settled by whichever comes first (not a second promise raced against `fn()`'s: that race
 * and its promises showed in CPU profiles, once per tool call).
 */
export function runUntilAborted<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    // A callback on the signal's one shared listener, not a DOM listener of its own per call (node's
    // EventTarget allocates a listener record and an options object per add).
    const settle = onAbort(signal, () => reject(abortReason(signal)));
    let running: Promise<T>;
    try {
      running = fn();
    } catch (error) {
      settle();
      reject(error);
      return;
    }
    running.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}
