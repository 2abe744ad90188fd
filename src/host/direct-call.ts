import { SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import type { JsonSchemaType, JsonSchemaValidator } from '@modelcontextprotocol/server';
import { DeadlineExceededError, errorMessage, type Logger, toMetaIfAny } from '../shared/index.js';
import type { DirectToolAnswer, DirectToolProgress, DirectToolServer } from '../shared/mcp/direct-tool-server.js';
import { withTraceparent } from '../shared/telemetry/trace-meta.js';
import { errorResult, toHostResult } from './connection/call-result.js';
import { sanitizeArguments } from './connection/call-tool.js';
import { LazyJsonSchemaValidator } from './connection/lazy-validator.js';
import { HostError } from './errors.js';
import type { HostCallContext, HostToolResult } from './types.js';

/** The progress token a direct call puts in `_meta`: the server reports progress only when it sees one. */
const DIRECT_PROGRESS_TOKEN = 'ventros-direct';

/** Where a direct call goes, resolved once per catalog entry (see `directTarget`). */
export interface DirectTarget {
  server: string;
  tool: string;
  timeoutMs: number;
  /** The client's check of a structured result against the listed output schema, when there is one. */
  checkOutput?: JsonSchemaValidator<unknown>;
}

/** Compiles on first use, like the clients' validator (see lazy-validator.ts). */
const validators = new LazyJsonSchemaValidator();

/** The target of a catalog entry, with the output check an MCP client would run on its results. */
export function directTarget(info: {
  server: string;
  toolName: string;
  timeoutMs: number;
  outputSchema?: Record<string, unknown> | undefined;
}): DirectTarget {
  return {
    server: info.server,
    tool: info.toolName,
    timeoutMs: info.timeoutMs,
    ...(info.outputSchema ? { checkOutput: validators.getValidator(info.outputSchema as JsonSchemaType) } : {}),
  };
}

/**
 * Calls a builtin server's tool in process (see DirectToolServer), answering what `callServerTool`
 * answers over the in-memory MCP transport: the same sanitized arguments and `_meta` (trusted ids,
 * idempotency key, approval, traceparent, a progress token when the caller listens), the same result
 * mapping (`toHostResult`), and the same typed errors when the call's deadline passes
 * (`deadline_exceeded`) or the caller aborts (`cancelled`) — the handler's signal aborts then, as the
 * SDK's `notifications/cancelled` would abort it. Returns undefined when the server does not serve the
 * tool (the MCP path then answers as the protocol does).
 *
 * @example
 * const result = callToolDirect(direct, { server: 'sales', tool: 'qualify_lead', timeoutMs: 30_000 }, args, ctx)
 *   ?? callServerTool(connection, target, args, ctx, 30_000);
 */
export function callToolDirect(
  direct: DirectToolServer,
  target: DirectTarget,
  args: Record<string, unknown>,
  context: HostCallContext,
  log: Logger,
): Promise<HostToolResult> | undefined {
  const callerSignal = context.signal;
  if (callerSignal?.aborted) return Promise.reject(abortError(target, callerSignal));
  // A new object either way (ours to extend): the trusted ids, the caller's trace, a progress token.
  let meta: Record<string, unknown> | undefined = withTraceparent(toMetaIfAny(context), context.traceparent);
  const onProgress = context.onProgress;
  if (onProgress) {
    meta ??= {};
    meta.progressToken = DIRECT_PROGRESS_TOKEN;
  }
  // A caller whose own deadline (`context.timeoutMs`, on `callerSignal`) comes no later than ours always
  // aborts first (its clock started earlier): our timer could never fire, so the handler gets the
  // caller's signal as is — no controller, no timer per call (both showed in CPU profiles).
  const callerTimeoutMs = context.timeoutMs;
  const covered = callerSignal !== undefined && callerTimeoutMs !== undefined && callerTimeoutMs <= target.timeoutMs;
  const controller = covered ? undefined : new AbortController();
  const call = direct.callTool({
    name: target.tool,
    arguments: sanitizeArguments(args),
    ...(meta ? { _meta: meta } : {}),
    signal: controller ? controller.signal : (callerSignal as AbortSignal),
    timeoutMs: controller ? target.timeoutMs : (callerTimeoutMs as number),
    ...(context.structuredOnly ? { structuredOnly: true } : {}),
    ...(onProgress ? { notifyProgress: async (p: DirectToolProgress) => deliver(onProgress, p, log) } : {}),
  });
  if (!call) return undefined;
  const structuredOnly = context.structuredOnly === true;
  if (!controller) {
    const signal = callerSignal as AbortSignal;
    // The handler runs on the caller's own signal, and the server ends the call as soon as it aborts
    // (`runUntilAborted`): its answer then comes back a few microtasks later and reads as the abort,
    // as a listener of ours would have rejected at once — without a listener, promise and closures per call.
    return call.then(
      (answer) => {
        if (signal.aborted) throw abortError(target, signal);
        return hostResultOf(answer, target, structuredOnly);
      },
      (error: unknown) => {
        if (signal.aborted) throw abortError(target, signal);
        throw unreachable(target, error);
      },
    );
  }
  return new Promise<HostToolResult>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    };
    // The deadline the SDK would enforce on the request; the handler's signal aborts with it.
    const timer = setTimeout(() => {
      finish();
      const cause = new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out', { timeout: target.timeoutMs });
      controller.abort(cause);
      reject(timeoutError(target, cause));
    }, target.timeoutMs);
    const onCallerAbort = () => {
      finish();
      if (callerSignal) {
        controller.abort(callerSignal.reason);
        reject(abortError(target, callerSignal));
      }
    };
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    call.then(
      (answer) => {
        finish();
        resolve(hostResultOf(answer, target, structuredOnly));
      },
      (error: unknown) => {
        finish();
        reject(unreachable(target, error));
      },
    );
  });
}

/**
 * The host's result of a direct answer. When the server could not vouch for the client's output check
 * (`outputVerified: false`), it runs here as the SDK client runs it after `tools/call`, and a failure
 * reads as the protocol error `callServerTool` turns into a tool error result.
 */
function hostResultOf(
  { result, outputVerified }: DirectToolAnswer,
  target: DirectTarget,
  structuredOnly: boolean,
): HostToolResult {
  const check = target.checkOutput;
  if (outputVerified || !check || result.isError) return toHostResult(result, structuredOnly);
  const failed = (message: string) => errorResult(`${describe(target)} answered tools/call with an error: ${message}`);
  if (result.structuredContent === undefined) {
    return failed(`Tool ${target.tool} has an output schema but did not return structured content`);
  }
  try {
    const outcome = check(result.structuredContent);
    if (!outcome.valid) {
      return failed(`Structured content does not match the tool's output schema: ${outcome.errorMessage}`);
    }
  } catch (error) {
    return failed(`Failed to validate structured content: ${errorMessage(error)}`);
  }
  return toHostResult(result, structuredOnly);
}

function describe(target: DirectTarget): string {
  return `tool "${target.tool}" on MCP server "${target.server}"`;
}

/** A direct call that failed outside the tool (the server's own code threw). */
function unreachable(target: DirectTarget, error: unknown): HostError {
  return new HostError('server_unavailable', `${describe(target)} could not be reached: ${errorMessage(error)}`, {
    cause: error,
    details: { server: target.server, tool: target.tool },
  });
}

/** As `toHostError` words a request that outlived its deadline. */
function timeoutError(target: DirectTarget, cause: unknown): HostError {
  return new HostError(
    'deadline_exceeded',
    `${describe(target)} did not answer tools/call within ${target.timeoutMs} ms`,
    { cause, details: { server: target.server, tool: target.tool, timeoutMs: target.timeoutMs } },
  );
}

/** As `toHostError` words a call the caller aborted: its own deadline passing, or a cancel. */
function abortError(target: DirectTarget, signal: AbortSignal): HostError {
  if (signal.reason instanceof DeadlineExceededError) return timeoutError(target, signal.reason);
  return new HostError('cancelled', `tools/call to ${describe(target)} was cancelled`, {
    cause: signal.reason,
    details: { server: target.server, tool: target.tool },
  });
}

/** As the connection's ProgressTracker delivers a `notifications/progress`: a throwing listener is logged. */
function deliver(listener: NonNullable<HostCallContext['onProgress']>, progress: DirectToolProgress, log: Logger) {
  try {
    listener(progress);
  } catch (error) {
    log.warn({ err: errorMessage(error) }, 'onProgress callback threw');
  }
}
