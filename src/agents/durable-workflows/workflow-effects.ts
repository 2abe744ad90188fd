import { z } from 'zod';

/**
 * Everything a workflow does to the world goes through this port: agent runs, tool calls and
 * outbound messages. The composition root implements it over the agent application, the host and
 * the outbox; tests implement it with fakes that record calls. Each call happens inside one durable
 * step: a completed step is never run again, but a step interrupted by a crash runs again, so every
 * call carries an idempotency key that is the same on each attempt (`<workflow id>/<step>`).
 */
export interface WorkflowEffects {
  /**
   * One agent run for the workflow's contact, with the `customer` audience: the workflow writes to the
   * customer, so only customer-facing agents and that contact's data are reachable.
   */
  runAgent(request: AgentRunRequest, options: EffectOptions): Promise<AgentRunResult>;
  /**
   * One tool call by the tool's own name (`update_pipeline_stage`, `add_session`, ...); the wiring finds
   * the server that serves it. Tool failures come back as data (`isError: true`), never as exceptions.
   */
  callTool(name: string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolOutcome>;
  /** Queues a `message.outbound` for the customer (the outbox publishes it). */
  sendOutbound(message: OutboundMessage, options: EffectOptions): Promise<void>;
  /** The messages of a finished session, when the `session.ended` event does not carry them. */
  loadSessionMessages?(tenantId: string, sessionId: string, options: EffectOptions): Promise<SessionMessage[]>;
}

/** What every effect call gets. */
export interface EffectOptions {
  /** Stable across retries and crash recovery of the same step; writes keyed by it happen once. */
  idempotencyKey: string;
  /** Fires when the step's deadline passes or the workflow is cancelled. */
  signal?: AbortSignal;
}

export interface ToolCallOptions extends EffectOptions {
  tenantId: string;
  contactId: string;
  sessionId?: string;
}

export interface AgentRunRequest {
  /** A template id (`sales_prospecting`, `support_onboarding`, `retention_churn`, ...). */
  agent: string;
  message: string;
  tenantId: string;
  contactId: string;
  /** The workflow keeps one session per workflow, so day 7 sees what day 1 said. */
  sessionId?: string;
  context?: Record<string, string>;
}

/**
 * The part of an execution result (ExecuteAgentResponse JSON) a workflow reads. Unknown fields pass
 * through so the port can return the whole result.
 */
export const AgentRunResultSchema = z.looseObject({
  response: z.string(),
  intent: z.string().optional(),
  confidence: z.number().optional(),
  agent_used: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  tool_calls: z
    .array(z.looseObject({ tool_name: z.string(), input: z.unknown().optional(), output: z.string().optional() }))
    .optional(),
});

export type AgentRunResult = z.infer<typeof AgentRunResultSchema>;

/** A tool's answer as the host returns it (HostToolResult). */
export interface ToolOutcome {
  content: string;
  isError?: boolean;
  structured?: unknown;
}

/** The `message.outbound` payload of ARCHITECTURE.md, camelCased, plus the seed's `source`. */
export interface OutboundMessage {
  tenantId: string;
  contactId: string;
  text: string;
  agentId: string;
  /** The seed: `sequence` for nurturing and campaigns, `system` for onboarding. */
  source: 'sequence' | 'system';
  sessionId?: string;
  inReplyTo?: string;
  metadata: Record<string, string>;
}

/** One message of a finished session, as the memory tool `add_session` takes it. */
export const SessionMessageSchema = z.object({
  role: z.enum(['user', 'assistant', 'agent', 'system']),
  content: z.string().max(20_000),
  timestamp: z.string().max(40).optional(),
});

export type SessionMessage = z.infer<typeof SessionMessageSchema>;
