import { errorMessage } from '../../shared/index.js';
import { runWithLogTrace } from '../../shared/telemetry/log-trace.js';
import { ToolTimeoutError, toAgentError } from '../errors.js';
import type { AgentEvent } from '../events.js';
import type { ToolUsePart, Usage } from '../model/index.js';
import type { Tool, ToolProgress, ToolResult } from '../tool.js';
import { type GateVerdict, RunPaused } from './approval-gate.js';
import { guardCallback, isPromiseLike } from './callbacks.js';
import { type ActiveContext, MAX_HANDOFFS_PER_RUN, type RunnableAgent } from './context.js';
import { isCustomerRun, isStaffOnly, staffOnlyRefusal } from './customer-tools.js';
import { eventBase } from './event-factory.js';
import { recordToolResult, toolSpan } from './gen-ai-spans.js';
import { handoffToolName } from './handoff-tool.js';
import type { LlmSettings } from './llm-settings.js';
import { type ProgressThrottle, throttleProgress } from './progress-throttle.js';
import { notify } from './run-observer.js';
import { notAllowedRefusal, toolAllowed } from './run-options.js';
import { type LinkedToolContext, RUNTIME_LINK } from './runtime-link.js';
import { boundToolCall } from './tool-call-bound.js';
import { checkToolArgs } from './tool-schema-validator.js';
import { currentSpanOf, openDescribedSpan } from './tracing.js';

/** One tool call's outcome, as the loop uses it. */
export interface ToolCallOutcome {
  call: ToolUsePart;
  result: ToolResult;
  latencyMs: number;
  /** The agent to hand over to, when the result asks for a handoff that can happen. */
  handoffTarget?: RunnableAgent;
  /** The call did not run: it waits for a person's approval (the result is a placeholder). */
  pending?: { reason: string };
}

/** What a call needs from the loop besides the context. */
export interface ToolCallSink {
  emit(event: AgentEvent): void;
  addUsage(usage: Usage): void;
}

const errorResult = (content: string): ToolResult => ({ content, isError: true });

/**
 * Runs one tool call to a result. Every failure the model can act on comes back as a result with
 * `isError: true` — unknown tool, invalid arguments, a thrown error, the call's own timeout. Only the
 * end of the run (deadline, cancellation) or a failing callback throws.
 */
export async function executeToolCall(
  settings: LlmSettings,
  ctx: ActiveContext,
  call: ToolUsePart,
  sink: ToolCallSink,
): Promise<ToolCallOutcome> {
  const started = performance.now();
  // Numbered before the first await: calls of one turn started together get their list order.
  const position = nextCallPosition(ctx, settings.name);
  const tool = settings.tools.get(call.name);
  let result: ToolResult;
  if (tool === undefined) {
    result = errorResult(
      `Unknown tool "${call.name}". Available tools: ${[...settings.tools.keys()].join(', ') || 'none'}.`,
    );
  } else if (!toolAllowed(ctx.options, tool.name)) {
    // Hidden from the model by the caller's allow-list; a model that calls it anyway reads why not.
    result = errorResult(notAllowedRefusal(tool.name));
  } else if (isStaffOnly(tool) && isCustomerRun(ctx)) {
    // Hidden from the model in customer runs; a model that calls it anyway reads why not.
    result = errorResult(staffOnlyRefusal(tool.name));
  } else {
    const problem = checkToolArgs(tool.inputSchema, call.input);
    if (problem) {
      result = errorResult(`Invalid arguments for tool "${call.name}": ${problem}.`);
    } else {
      const ran = await runWithCallbacks(settings, ctx, tool, call, sink, position);
      if ('pending' in ran) {
        return { call, result: { content: '' }, latencyMs: performance.now() - started, pending: ran.pending };
      }
      result = ran;
    }
  }
  const outcome: ToolCallOutcome = { call, result, latencyMs: performance.now() - started };
  // Built only for an observer that watches tool calls (the usage ledger watches model calls only).
  if (ctx.observer?.toolCalled) {
    notify(ctx.observer, 'toolCalled', {
      agent: settings.name,
      tenantId: ctx.trusted.tenantId,
      tool: call.name,
      durationMs: outcome.latencyMs,
      isError: result.isError === true,
    });
  }
  const handoffTo = result.actions?.handoffTo;
  if (handoffTo !== undefined && !result.isError) checkHandoff(settings, ctx, outcome, handoffTo);
  return outcome;
}

/** The gate's verdict on the arguments that would run; the call a person just approved passes. */
async function checkGate(
  settings: LlmSettings,
  ctx: ActiveContext,
  call: ToolUsePart,
  args: Record<string, unknown>,
): Promise<GateVerdict> {
  const approvals = ctx.approvals;
  if (!approvals?.gate || approvedCallOf(ctx) === call.id) return { type: 'allow' };
  return approvals.gate.check({
    tool: call.name,
    args,
    trusted: ctx.trusted,
    agent: settings.name,
    signal: ctx.signal,
  });
}

/** The id of the tool call a person approved in this (resumed) run, if any. */
function approvedCallOf(ctx: ActiveContext): string | undefined {
  const resume = ctx.approvals?.resume;
  return resume?.decision.type === 'approved' ? resume.point.call.id : undefined;
}

async function runWithCallbacks(
  settings: LlmSettings,
  ctx: ActiveContext,
  tool: Tool,
  call: ToolUsePart,
  sink: ToolCallSink,
  position: number,
): Promise<ToolResult | { pending: { reason: string } }> {
  const { callbacks, name } = settings;
  let args = call.input;
  let result: ToolResult | undefined;
  if (callbacks.beforeTool) {
    const answer = guardCallback('beforeTool', name, () => callbacks.beforeTool?.(ctx, tool, args, settings.agent));
    const before = isPromiseLike(answer) ? await answer : answer;
    if (before && 'result' in before) result = before.result;
    else if (before) args = before.args;
  }
  if (result === undefined) {
    // After the agent's own checks (memory before an offer): a call they refuse never waits for a person.
    const verdict = await checkGate(settings, ctx, call, args);
    if (verdict.type === 'approval') return { pending: { reason: verdict.reason } };
    if (verdict.type === 'refuse') result = errorResult(verdict.message);
  }
  result ??= await runTool(settings, ctx, tool, args, call.id, sink, position);
  if (callbacks.afterTool) {
    const current = result;
    const answer = guardCallback('afterTool', name, () =>
      callbacks.afterTool?.(ctx, tool, args, current, settings.agent),
    );
    const after = isPromiseLike(answer) ? await answer : answer;
    if (after) result = after;
  }
  return result;
}

/**
 * Calls the tool under its own deadline (tool.timeoutMs ?? the agent's default) and the run's signal.
 * Its progress reports become throttled `tool_progress` events, all before the call's result.
 */
async function runTool(
  settings: LlmSettings,
  ctx: ActiveContext,
  tool: Tool,
  args: Record<string, unknown>,
  callId: string,
  sink: ToolCallSink,
  position: number,
): Promise<ToolResult> {
  const timeoutMs = tool.timeoutMs ?? settings.toolTimeoutMs;
  const bound = boundToolCall(ctx.signal, ctx.deadline, tool.name, timeoutMs);
  // Names and ids only: tool arguments and results may carry customer data and stay out of the trace.
  const span = openDescribedSpan(
    () =>
      toolSpan(
        { agent: settings.name, tenantId: ctx.trusted.tenantId, sessionId: ctx.trusted.sessionId, runId: ctx.runId },
        tool.name,
        callId,
        args,
      ),
    currentSpanOf(ctx),
  );
  // The throttle is made on the first report: most tools never report progress. A report after the
  // call ended is dropped, as a closed throttle drops it.
  let progress: ProgressThrottle | undefined;
  let ended = false;
  const onProgress = (report: ToolProgress) => {
    if (ended) return;
    progress ??= throttleProgress((throttled) =>
      sink.emit({ type: 'tool_progress', ...eventBase(ctx, settings.name), callId, tool: tool.name, ...throttled }),
    );
    progress.report(report);
  };
  try {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const context: LinkedToolContext = {
      tenantId: ctx.trusted.tenantId,
      signal: bound.signal,
      timeoutMs,
      agentName: settings.name,
      state: ctx.session.state,
      onProgress,
      [RUNTIME_LINK]: { ctx, emit: sink.emit, addUsage: sink.addUsage, span: span.span },
    };
    if (ctx.trusted.contactId !== undefined) context.contactId = ctx.trusted.contactId;
    if (ctx.trusted.sessionId !== undefined) context.sessionId = ctx.trusted.sessionId;
    if (ctx.trusted.audience !== undefined) context.audience = ctx.trusted.audience;
    if (ctx.trusted.runKey !== undefined) {
      context.idempotencyKey = `${ctx.trusted.runKey}/${settings.name}#${position}:${tool.name}`;
    }
    const resume = ctx.approvals?.resume;
    if (resume?.decision.type === 'approved' && resume.point.call.id === callId) {
      context.approvalId = resume.decision.approvalId;
    }
    const traceparent = span.span.traceparent?.();
    if (traceparent !== undefined) context.traceparent = traceparent;
    const result = await bound.race(runWithLogTrace(traceparent, () => tool.execute(args, context)));
    span.span.setAttribute('tool.is_error', result.isError === true);
    recordToolResult(span.span, result.content);
    // The result's text stays out of the trace; the status says it failed.
    span.end(result.isError ? 'the tool returned an error result' : undefined);
    return result;
  } catch (error) {
    span.span.setAttribute('tool.is_error', true);
    span.end(error);
    // A child run (agent-tool) paused: the whole run pauses, this call included.
    if (error instanceof RunPaused) throw error;
    if (ctx.signal.aborted) throw toAgentError(error, ctx.signal);
    if (error instanceof ToolTimeoutError) return errorResult(error.message);
    return errorResult(`Tool "${tool.name}" failed: ${errorMessage(error)}`);
  } finally {
    ended = true;
    progress?.close();
    bound.release();
  }
}

/** The call's 1-based position among this agent's tool calls in the run. */
function nextCallPosition(ctx: ActiveContext, agentName: string): number {
  ctx.counters.toolCalls ??= {};
  const counts = ctx.counters.toolCalls;
  const position = (counts[agentName] ?? 0) + 1;
  counts[agentName] = position;
  return position;
}

/**
 * A handoff that cannot happen (unknown agent, too many handoffs) becomes an error the model reads; the
 * text says "transfer", the word of the `transfer_to_<agent>` tool the model called.
 */
function checkHandoff(settings: LlmSettings, ctx: ActiveContext, outcome: ToolCallOutcome, name: string): void {
  const target = settings.resolveAgent(name, ctx);
  if (target === undefined) {
    outcome.result = errorResult(`Cannot transfer: there is no agent named "${name}".`);
  } else if (!target.customerFacing && isCustomerRun(ctx)) {
    outcome.result = errorResult(staffOnlyRefusal(handoffToolName(name)));
  } else if (ctx.counters.handoffs >= MAX_HANDOFFS_PER_RUN) {
    outcome.result = errorResult(
      `Cannot transfer: this conversation was already handed over ${MAX_HANDOFFS_PER_RUN} times; answer it yourself.`,
    );
  } else {
    outcome.handoffTarget = target;
  }
}
