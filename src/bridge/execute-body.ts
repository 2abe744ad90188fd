import { z } from 'zod';
import { type AgentRequest, type Audience, AudienceSchema } from '../agents/application/index.js';
import { PermissionDeniedError } from '../shared/index.js';

/**
 * Body of `POST /api/agents/:type/execute|stream` and `/api/agents/message` (ExecuteAgentRequest,
 * snake_case), and of the WebSocket's message frames. Only the shape is checked here: what the values
 * may be (lengths, limits) is the application's `AgentRequestSchema`, validated once for every bridge.
 */
export const ExecuteBodySchema = z.strictObject({
  message: z.string(),
  /** An agent the CRM defined on one of our templates (AGENT_REGISTRY_GRPC_HOST): runs it instead of `:type`. */
  agent_id: z.string().optional(),
  contact_id: z.string().optional(),
  session_id: z.string().optional(),
  channel_id: z.string().optional(),
  /** Only honoured when no API tokens are configured (then the caller is trusted to name it). */
  tenant_id: z.string().optional(),
  context: z.record(z.string(), z.string()).optional(),
  /**
   * `customer`: a staff caller of `execute`/`stream` runs the message as the customer (as
   * `ventros run --as customer`). The customer surfaces (`/api/agents/message`, the WebSocket) are
   * always the customer's and refuse `staff`.
   */
  audience: AudienceSchema.optional(),
  /**
   * The CRM's ExecutionOptions: `timeout_ms` (at most 60 000), `stream_response` (answer as server-sent
   * events), `tools` (allow-list of CRM tools by seed name), `max_tokens`, `temperature`. Ranges are the
   * application's to check.
   */
  options: z
    .strictObject({
      timeout_ms: z.number().optional(),
      stream_response: z.boolean().optional(),
      tools: z.array(z.string()).optional(),
      max_tokens: z.number().optional(),
      temperature: z.number().optional(),
    })
    .optional(),
});

export type ExecuteBody = z.infer<typeof ExecuteBodySchema>;

/** `:type` path parameter: a template id. */
export const AgentTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'agent type must look like "retention_churn"');

/**
 * The audience of a body on a surface: a staff surface may run the message as the customer (never the
 * other way round); a customer surface is the customer's, and a body asking for staff is refused.
 */
export function bodyAudience(body: ExecuteBody, surface: Audience): Audience {
  if (surface === 'staff') return body.audience ?? 'staff';
  if (body.audience === 'staff') throw new PermissionDeniedError("a customer's message cannot run as staff");
  return 'customer';
}

/**
 * The application request for an execute body (HTTP, and the WebSocket's message frames) on a surface
 * of the given audience (see {@link bodyAudience}).
 */
export function executeRequest(
  agent: string,
  body: ExecuteBody,
  tenantId: string,
  signal: AbortSignal,
  surface: Audience,
): AgentRequest {
  const audience = bodyAudience(body, surface);
  const request: AgentRequest = { agent, message: body.message, tenantId, signal, audience };
  if (body.agent_id !== undefined) request.agentId = body.agent_id;
  if (body.contact_id !== undefined) request.contactId = body.contact_id;
  if (body.session_id !== undefined) request.sessionId = body.session_id;
  if (body.channel_id !== undefined) request.channelId = body.channel_id;
  if (body.context) request.context = body.context;
  const options = body.options;
  if (options?.timeout_ms !== undefined) request.timeoutMs = options.timeout_ms;
  const runOptions: NonNullable<AgentRequest['options']> = {};
  if (options?.max_tokens !== undefined) runOptions.maxTokens = options.max_tokens;
  if (options?.temperature !== undefined) runOptions.temperature = options.temperature;
  if (options?.tools !== undefined) runOptions.tools = options.tools;
  if (Object.keys(runOptions).length > 0) request.options = runOptions;
  return request;
}
