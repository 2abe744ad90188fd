import type { AgentEvent } from '../agents/events.js';

/**
 * The one port every bridge talks to. Bridges decode a request, call one of these, and encode the
 * answer; the composition root (`src/cli/app.ts`) provides the implementation.
 */
export interface AgentApplication {
  execute(request: AgentRequest): Promise<ExecutionResultJson>;
  /** The run's events, then one `result` item with the execution result. */
  stream(request: AgentRequest): AsyncIterable<StreamItem>;
  agents(): AgentInfo[];
  /** The agent templates (the seed's template fields, snake_case). */
  templates(): AgentTemplateJson[];
}

/** A template as the catalog defines it (template_id, category, knowledge_scope, instruction, ...). */
export interface AgentTemplateJson {
  template_id: string;
  category: string;
  [field: string]: unknown;
}

/** The longest run a bridge accepts (`options.timeout_ms`); one bound for HTTP, gRPC and AMQP. */
export const MAX_RUN_TIMEOUT_MS = 120_000;

/** The largest request body a bridge reads (a message is at most 20 000 characters). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface AgentRequest {
  /** A template id, or `auto` to route by the message. */
  agent: string;
  message: string;
  tenantId: string;
  contactId?: string;
  sessionId?: string;
  channelId?: string;
  context?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type StreamItem = AgentEvent | { type: 'result'; result: ExecutionResultJson };

/** ExecuteAgentResponse of the gRPC spec as snake_case JSON, plus agent_used and format_guide. */
export interface ExecutionResultJson {
  response: string;
  intent: string;
  confidence: number;
  suggested_actions: string[];
  metadata: Record<string, string>;
  latency_ms: number;
  tool_calls: Array<{ tool_name: string; input: Record<string, unknown>; output: string; latency_ms: number }>;
  thoughts: { reasoning_steps: string[]; final_answer: string };
  agent_used: string;
  format_guide?: unknown;
  [extra: string]: unknown;
}

export interface AgentInfo {
  type: string;
  name: string;
  description: string;
  category: string;
  tools: string[];
  intent_examples?: string[];
}
