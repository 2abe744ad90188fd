import type { StartRequestBase } from './start-requests.js';
import type { WorkflowContext } from './workflow-context.js';
import type { AgentRunResult, OutboundMessage, ToolOutcome } from './workflow-effects.js';

/** What a workflow keeps of an agent run: small, JSON, enough to send and to explain. */
export interface AgentReply {
  text: string;
  agent_used: string;
  intent: string | null;
  confidence: number | null;
}

export interface AgentStepRequest {
  agent: string;
  message: string;
  context?: Record<string, string>;
}

/**
 * One agent run as a durable step. The workflow id is the run's session, so later runs of the same
 * workflow see the earlier ones. `read` turns the result into what the step records (default: the reply).
 */
export function agentStep<T = AgentReply>(
  ctx: WorkflowContext,
  name: string,
  subject: StartRequestBase,
  request: AgentStepRequest,
  read: (result: AgentRunResult, agent: string) => T = toReply as (result: AgentRunResult, agent: string) => T,
): Promise<T> {
  return ctx.step(name, async ({ idempotencyKey, signal }) => {
    const result = await ctx.effects.runAgent(
      {
        agent: request.agent,
        message: request.message,
        tenantId: subject.tenant_id,
        contactId: subject.contact_id,
        sessionId: ctx.workflowId,
        context: { workflow_id: ctx.workflowId, ...request.context },
      },
      { idempotencyKey, signal },
    );
    return read(result, request.agent);
  });
}

function toReply(result: AgentRunResult, agent: string): AgentReply {
  return {
    text: result.response.trim(),
    agent_used: result.agent_used ?? agent,
    intent: result.intent ?? null,
    confidence: result.confidence ?? null,
  };
}

/**
 * Sends `reply` to the customer as a durable step (`message.outbound` through the outbox). An empty
 * reply sends nothing; the step still records that.
 */
export function sendStep(
  ctx: WorkflowContext,
  name: string,
  subject: StartRequestBase,
  message: { text: string; agentId: string; source: OutboundMessage['source']; metadata: Record<string, string> },
): Promise<{ sent: boolean }> {
  return ctx.step(name, async ({ idempotencyKey, signal }) => {
    if (message.text.trim() === '') return { sent: false };
    await ctx.effects.sendOutbound(
      {
        tenantId: subject.tenant_id,
        contactId: subject.contact_id,
        text: message.text,
        agentId: message.agentId,
        source: message.source,
        sessionId: ctx.workflowId,
        metadata: { workflow_id: ctx.workflowId, step: name, ...message.metadata },
      },
      { idempotencyKey, signal },
    );
    return { sent: true };
  });
}

/** A tool's answer as a step records it. */
export interface ToolStepResult {
  ok: boolean;
  content: string;
  structured: unknown;
}

/** One tool call as a durable step. A tool failure is data (`ok: false`); the step still completes. */
export function toolStep(
  ctx: WorkflowContext,
  name: string,
  subject: StartRequestBase,
  tool: string,
  args: Record<string, unknown>,
): Promise<ToolStepResult> {
  return ctx.step(name, async ({ idempotencyKey, signal }) => {
    const outcome: ToolOutcome = await ctx.effects.callTool(tool, args, {
      tenantId: subject.tenant_id,
      contactId: subject.contact_id,
      sessionId: ctx.workflowId,
      idempotencyKey,
      signal,
    });
    return { ok: outcome.isError !== true, content: outcome.content, structured: outcome.structured ?? null };
  });
}

/**
 * Deadlines counted from the workflow's start, in workflow days: `until(7)` sleeps to day 7 whatever
 * happened before (an early reply, a slow step), like the seed's calendar.
 */
export async function daySchedule(ctx: WorkflowContext): Promise<DaySchedule> {
  const start = await ctx.now();
  const msUntil = async (day: number) => Math.max(0, start + ctx.clock.days(day) - (await ctx.now()));
  return {
    msUntil,
    async until(day) {
      const remaining = await msUntil(day);
      if (remaining > 0) await ctx.sleep(remaining);
    },
  };
}

export interface DaySchedule {
  /** Real ms left until workflow day `day` (0 when it has passed). */
  msUntil(day: number): Promise<number>;
  /** Sleeps until workflow day `day`. */
  until(day: number): Promise<void>;
}
