import { type ApiClient, ApiError } from '../api/client.js';
import { type ExecutionResult, ExecutionResultSchema, RunEventSchema } from '../api/schemas.js';
import type { AnswerText } from './answer-text.js';
import { addResult, type RunTreeBuilder } from './run-tree.js';

export type Audience = 'staff' | 'customer';

export interface SendRequest {
  agent: string;
  audience: Audience;
  /**
   * Whether the server takes `audience` on the stream body: `undefined` until a customer message tries,
   * `false` once it was refused (then customers go through `/api/agents/message`).
   */
  audienceAccepted: boolean | undefined;
  onAudienceRefused: () => void;
  message: string;
  tenantId: string;
  contactId?: string;
  sessionId: string;
  signal: AbortSignal;
}

/**
 * Sends one message and feeds its run into `run` and `answer` as events arrive; `onUpdate` after each.
 * Staff stream from `/api/agents/:agent/stream` (staff is the server's default there). Customers stream
 * from the same route with `audience: "customer"`; a server that refuses the field (400 naming it)
 * is answered through `/api/agents/message`, which routes by itself and answers at once. Resolves with
 * the execution result, or `undefined` when the run ended in an error.
 */
export async function sendMessage(
  request: SendRequest,
  api: ApiClient,
  run: RunTreeBuilder,
  answer: AnswerText,
  onUpdate: () => void,
): Promise<ExecutionResult | undefined> {
  const body: Record<string, unknown> = {
    message: request.message,
    session_id: request.sessionId,
    tenant_id: request.tenantId,
    ...(request.contactId ? { contact_id: request.contactId } : {}),
  };
  if (request.audience === 'customer') {
    if (request.audienceAccepted !== false) {
      try {
        return await streamRun(request, api, { ...body, audience: 'customer' }, run, answer, onUpdate);
      } catch (error) {
        // Refused before the first event, so nothing ran: fall back once and remember.
        if (!(error instanceof ApiError && error.status === 400 && /audience/.test(error.message))) throw error;
        request.onAudienceRefused();
      }
    }
    const result = await api.post('/api/agents/message', body, ExecutionResultSchema);
    addResult(run, result);
    onUpdate();
    return result;
  }
  return streamRun(request, api, body, run, answer, onUpdate);
}

async function streamRun(
  request: SendRequest,
  api: ApiClient,
  body: Record<string, unknown>,
  run: RunTreeBuilder,
  answer: AnswerText,
  onUpdate: () => void,
): Promise<ExecutionResult | undefined> {
  let result: ExecutionResult | undefined;
  for await (const message of api.stream(
    `/api/agents/${encodeURIComponent(request.agent)}/stream`,
    body,
    request.signal,
  )) {
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      continue;
    }
    const parsed = RunEventSchema.safeParse(data);
    if (!parsed.success) continue;
    const event = parsed.data;
    if (event.type === 'result') result = event.result;
    if (event.type === 'partial') answer.add(event.agent, event.text);
    run.add(event);
    onUpdate();
  }
  return result;
}
