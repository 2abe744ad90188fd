import { z } from 'zod';
import type { AgentInfo, AgentRequest, Audience, ExecutionResult } from '../../agents/application/index.js';
import type { AgentEvent } from '../../agents/events.js';
import { AgentTypeSchema } from '../execute-body.js';

/**
 * ExecuteAgentRequest / StreamAgentRequest as proto-loader decodes them (defaults filled in). Only the
 * shape is checked here; the values are the application's to validate (`AgentRequestSchema`).
 */
export const WireExecuteRequestSchema = z
  .object({
    agent_type: z.string().trim().default(''),
    agent_id: z.string().trim().default(''),
    contact_id: z.string().default(''),
    message: z.string(),
    channel_id: z.string().default(''),
    session_id: z.string().default(''),
    context: z.record(z.string(), z.string()).default({}),
    options: z
      .object({
        timeout_ms: z.number().default(0),
        stream_response: z.boolean().default(false),
        tools: z.array(z.string()).default([]),
        max_tokens: z.number().default(0),
        temperature: z.number().default(0),
      })
      .passthrough()
      .nullable()
      .optional(),
    tenant_id: z.string().default(''),
  })
  .superRefine((request, ctx) => {
    if (request.agent_id !== '') return; // an agent the CRM defined: agent_type is not needed
    const type = AgentTypeSchema.safeParse(request.agent_type);
    if (request.agent_type === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['agent_type'],
        message: 'agent_type is required ("auto" routes by the message)',
      });
    } else if (!type.success) {
      ctx.addIssue({
        code: 'custom',
        path: ['agent_type'],
        message: type.error.issues[0]?.message ?? 'invalid agent_type',
      });
    }
  });

export type WireExecuteRequest = z.infer<typeof WireExecuteRequestSchema>;

export function toAgentRequest(
  wire: WireExecuteRequest,
  tenantId: string,
  signal: AbortSignal,
  audience: Audience,
): AgentRequest {
  const request: AgentRequest = { message: wire.message, tenantId, signal, audience };
  if (wire.agent_type) request.agent = wire.agent_type;
  if (wire.agent_id) request.agentId = wire.agent_id;
  if (wire.contact_id) request.contactId = wire.contact_id;
  if (wire.session_id) request.sessionId = wire.session_id;
  if (wire.channel_id) request.channelId = wire.channel_id;
  if (Object.keys(wire.context).length > 0) request.context = wire.context;
  const options = wire.options;
  if (options?.timeout_ms) request.timeoutMs = options.timeout_ms;
  // proto3 scalars have no presence: 0 (and an empty list) mean "the agent's own setting".
  const runOptions: NonNullable<AgentRequest['options']> = {};
  if (options?.max_tokens) runOptions.maxTokens = options.max_tokens;
  if (options?.temperature) runOptions.temperature = Math.round(options.temperature * 1000) / 1000; // float32 → 0.7, not 0.699999988
  if (options?.tools.length) runOptions.tools = options.tools;
  if (Object.keys(runOptions).length > 0) request.options = runOptions;
  return request;
}

const stringify = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** ExecuteAgentResponse on the wire: tool inputs become string maps, the format guide JSON text. */
export function toWireResponse(result: ExecutionResult) {
  return {
    response: result.response,
    intent: result.intent,
    confidence: result.confidence,
    suggested_actions: result.suggested_actions,
    metadata: result.metadata,
    latency_ms: Math.round(result.latency_ms),
    tool_calls: result.tool_calls.map((call) => ({
      tool_name: call.tool_name,
      input: Object.fromEntries(Object.entries(call.input ?? {}).map(([k, v]) => [k, stringify(v)])),
      output: call.output,
      latency_ms: Math.round(call.latency_ms),
    })),
    thoughts: result.thoughts,
    agent_used: result.agent_used,
    format_guide_json: result.format_guide === undefined ? '' : JSON.stringify(result.format_guide),
    status: result.status ?? 'completed',
    ...(result.approval
      ? {
          approval: {
            ...result.approval,
            arguments: undefined,
            arguments_json: JSON.stringify(result.approval.arguments),
            status: 'pending',
          },
        }
      : {}),
  };
}

export function toWireCategory(category: string): string {
  const upper = category.toUpperCase();
  return ['SALES', 'SUPPORT', 'MARKETING', 'RETENTION', 'ANALYTICS', 'OPERATIONS', 'GENERAL', 'COORDINATOR'].includes(
    upper,
  )
    ? upper
    : 'GENERAL';
}

export function toWireAgentInfo(agent: AgentInfo) {
  return {
    type: agent.type,
    name: agent.name,
    description: agent.description,
    capabilities: agent.tools,
    required_inputs: ['message', 'contact_id'],
    avg_latency_ms: agent.avg_latency_ms,
    category: toWireCategory(agent.category),
  };
}

/** `3/10` or `3` — a progress value as people read it. */
function progressText(progress: number, total: number | undefined): string {
  return total === undefined ? String(progress) : `${progress}/${total}`;
}

/**
 * One stream chunk per event (partial deltas included); the result becomes the FINAL chunk. Tool
 * progress comes as TOOL_CALL chunks with `progress` (and `total`) in the metadata.
 */
export function toWireChunk(item: AgentEvent | { type: 'result'; result: ExecutionResult }) {
  switch (item.type) {
    case 'route':
      // A THOUGHT chunk: the proto has no routing type; the metadata carries the decision.
      return {
        type: 'THOUGHT',
        content: `routed to ${item.target} (${item.templateId}, confidence ${item.confidence.toFixed(3)})`,
        metadata: {
          agent: item.agent,
          route_template: item.templateId,
          route_confidence: item.confidence.toFixed(3),
          route_fallback: String(item.fallback),
          route_target: item.target,
        },
      };
    case 'thought':
      return { type: 'THOUGHT', content: item.text, metadata: { agent: item.agent } };
    case 'tool_call':
      return {
        type: 'TOOL_CALL',
        content: `${item.tool}(${JSON.stringify(item.args)})`,
        metadata: { agent: item.agent, tool: item.tool, call_id: item.callId },
      };
    case 'tool_progress':
      // A TOOL_CALL chunk again, for the same call_id: the proto has no progress type, and clients
      // that predate progress see it as a repeat of the call they already show.
      return {
        type: 'TOOL_CALL',
        content: item.message ?? `${item.tool}: ${progressText(item.progress, item.total)}`,
        metadata: {
          agent: item.agent,
          tool: item.tool,
          call_id: item.callId,
          progress: String(item.progress),
          ...(item.total === undefined ? {} : { total: String(item.total) }),
        },
      };
    case 'tool_result':
      return {
        type: 'TOOL_RESULT',
        content: item.content,
        metadata: {
          agent: item.agent,
          tool: item.tool,
          call_id: item.callId,
          is_error: String(item.isError),
          latency_ms: String(item.latencyMs),
        },
      };
    case 'partial':
      return { type: 'PARTIAL', content: item.text, metadata: { agent: item.agent } };
    case 'error':
      return { type: 'ERROR', content: item.message, metadata: { agent: item.agent, code: item.code } };
    case 'model_call': // the proto has no chunk for it; the FINAL chunk carries the run's usage
    case 'final':
      return undefined; // sub-agent finals are internal; the run's answer comes with `result`
    case 'result':
      return {
        type: 'FINAL',
        content: item.result.response,
        metadata: {
          ...item.result.metadata,
          agent_used: item.result.agent_used,
          intent: item.result.intent,
          confidence: String(item.result.confidence),
          latency_ms: String(item.result.latency_ms),
        },
      };
    default: {
      const unknown: never = item; // every event type is mapped above
      return unknown;
    }
  }
}
