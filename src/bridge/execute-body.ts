import { z } from 'zod';
import { type AgentRequest, MAX_RUN_TIMEOUT_MS } from './application.js';

/** Body of `POST /api/agents/:type/execute|stream` and `/api/agents/message` (ExecuteAgentRequest, snake_case). */
export const ExecuteBodySchema = z.strictObject({
  message: z.string().trim().min(1, 'message must not be empty').max(20_000),
  contact_id: z.string().min(1).max(200).optional(),
  session_id: z.string().min(1).max(200).optional(),
  channel_id: z.string().min(1).max(200).optional(),
  /** Only honoured when no API tokens are configured (then the caller is trusted to name it). */
  tenant_id: z.string().min(1).max(200).optional(),
  context: z.record(z.string(), z.string()).optional(),
  options: z
    .strictObject({
      timeout_ms: z.number().int().min(100).max(MAX_RUN_TIMEOUT_MS).optional(),
      stream_response: z.boolean().optional(),
    })
    .optional(),
});

export type ExecuteBody = z.infer<typeof ExecuteBodySchema>;

/** `:type` path parameter: a template id. */
export const AgentTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'agent type must look like "retention_churn"');

/** The application request for an execute body (HTTP, and the WebSocket's message frames). */
export function executeRequest(agent: string, body: ExecuteBody, tenantId: string, signal: AbortSignal): AgentRequest {
  const request: AgentRequest = { agent, message: body.message, tenantId, signal };
  if (body.contact_id) request.contactId = body.contact_id;
  if (body.session_id) request.sessionId = body.session_id;
  if (body.channel_id) request.channelId = body.channel_id;
  if (body.context) request.context = body.context;
  if (body.options?.timeout_ms) request.timeoutMs = body.options.timeout_ms;
  return request;
}
