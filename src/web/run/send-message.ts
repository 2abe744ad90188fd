import type { ApiClient } from '../api/client.js';
import { type ExecutionResult, ExecutionResultSchema, RunEventSchema } from '../api/schemas.js';
import type { AnswerText } from './answer-text.js';
import { addResult, type RunTreeBuilder } from './run-tree.js';

export type Audience = 'staff' | 'customer';

export interface SendRequest {
  agent: string;
  audience: Audience;
  /** The server reads `audience` on the body (its agents list says `customer_facing`). */
  audienceSupported: boolean;
  message: string;
  tenantId: string;
  contactId?: string;
  sessionId: string;
  signal: AbortSignal;
}

/**
 * Sends one message and feeds its run into `run` and `answer` as events arrive; `onUpdate` after each.
 * Staff (and customers, once the server knows audiences) stream from `/api/agents/:agent/stream`; a
 * customer on a server without audiences goes through `/api/agents/message`, which routes by itself
 * and answers at once. Resolves with the execution result, or `undefined` when the run ended in an error.
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
  if (request.audience === 'customer' && !request.audienceSupported) {
    const result = await api.post('/api/agents/message', body, ExecutionResultSchema);
    addResult(run, result);
    onUpdate();
    return result;
  }
  if (request.audienceSupported) body['audience'] = request.audience;
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
