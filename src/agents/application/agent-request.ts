import { z } from 'zod';
import { AudienceSchema } from '../../shared/index.js';

/** Who a run is for (the shared schema; see `shared/trusted-meta.ts`). */
export { type Audience, AudienceSchema } from '../../shared/index.js';

/** The longest customer message an agent reads (characters, after trimming). */
export const MAX_MESSAGE_CHARS = 20_000;

/** The longest run a caller may ask for (`options.timeout_ms`, the spec's 60 s); one bound for every bridge. */
export const MAX_RUN_TIMEOUT_MS = 60_000;

/** The most tokens a caller may ask one model answer for (`options.max_tokens`). */
export const MAX_ANSWER_TOKENS = 32_000;

/**
 * The caller's limits for one run (the CRM's `ExecutionOptions`): they replace the agent's sampling
 * settings and narrow its CRM tools to an allow-list of seed names (`search_memory`).
 */
export const RunOptionsSchema = z.object({
  maxTokens: z.number().int().min(1).max(MAX_ANSWER_TOKENS).optional(),
  temperature: z.number().min(0).max(2).optional(),
  tools: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
});

/** A run's deadline when the caller names none. */
export const DEFAULT_RUN_TIMEOUT_MS = 30_000;

// plain-request.ts repeats the string rules below (trim, min, max) for the hot path without zod: change
// one, change both (test/agents/application/plain-request.test.ts holds them together).
const Id = z.string().trim().min(1).max(200);

/**
 * One inbound message for the application — what every bridge and the CLI hand to
 * `AgentApplication.execute` / `stream`. Validated here, once: bridges decode their wire format into it
 * and do not repeat these rules.
 */
export const AgentRequestSchema = z.object({
  /** A template id, a pattern agent, `coordinator`, or `auto` (route by the message). */
  agent: z.string().trim().min(1).max(100).default('auto'),
  /**
   * An agent the CRM defined on one of our templates (its registry id): runs that agent — the template
   * with the CRM's instructions, scope and tools — instead of `agent`.
   */
  agentId: Id.optional(),
  message: z.string().trim().min(1, 'message must not be empty').max(MAX_MESSAGE_CHARS),
  tenantId: Id,
  contactId: Id.optional(),
  sessionId: Id.optional(),
  channelId: z.string().max(200).optional(),
  /**
   * The inbound message's own id (RabbitMQ `message_id`), when the request is one: a customer's message
   * run twice (a retry, a redelivery) still counts once where it is recorded (a waiting workflow).
   */
  messageId: Id.optional(),
  /**
   * Base of the idempotency keys of the run's tool calls — the inbound event's id (RabbitMQ
   * `event_id`): the same message run again (a redelivery after a crash) creates no second offer or
   * ticket; each writing tool returns its first result.
   */
  idempotencyKey: z.string().trim().min(1).max(300).optional(),
  context: z.record(z.string().max(200), z.string().max(10_000)).optional(),
  timeoutMs: z.number().int().positive().max(MAX_RUN_TIMEOUT_MS).optional(),
  options: RunOptionsSchema.optional(),
  /**
   * `customer`: a customer's own message (RabbitMQ, `POST /api/agents/message`, the WebSocket, gRPC
   * without a staff token) — reaches customer-facing agents and only its own contact's data. `staff`:
   * the company's people (staff tokens, the CLI, `ventros mcp`, `/mcp`).
   */
  audience: AudienceSchema.default('staff'),
  /**
   * Where the message came from (`{surface: "amqp", …}`), kept with an approval the run may wait for,
   * so the resumed run's answer goes back the same way. Set by bridges, never by the model.
   */
  origin: z.record(z.string().max(100), z.string().max(2000)).optional(),
  /**
   * The caller's W3C trace context (HTTP `traceparent`, gRPC metadata, AMQP headers): the run's spans
   * continue that trace. A malformed value is ignored (a new trace starts), never an error.
   */
  traceparent: z.string().max(256).optional().catch(undefined),
});

/** The request as callers write it (`agent` defaults to `auto`), with an optional cancel signal. */
export type AgentRequest = z.input<typeof AgentRequestSchema> & { signal?: AbortSignal };

/** A request that passed validation. */
export type ValidAgentRequest = z.output<typeof AgentRequestSchema> & { signal?: AbortSignal };
