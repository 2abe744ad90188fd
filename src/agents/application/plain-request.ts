import type { AgentRequest, ValidAgentRequest } from './agent-request.js';
import { MAX_MESSAGE_CHARS } from './agent-request.js';

/** `Id` of agent-request.ts: trimmed, 1–200 characters. */
const ID_MAX = 200;

/** The keys a plain request may carry (`signal` is not part of the schema; the caller keeps it). */
const PLAIN_KEYS = new Set([
  'agent',
  'agentId',
  'message',
  'tenantId',
  'contactId',
  'sessionId',
  'channelId',
  'messageId',
  'idempotencyKey',
  'audience',
  'signal',
]);

/** A string the schema's `.trim().min(1).max(max)` keeps as it is. */
function trimmed(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max && value.trim() === value;
}

/**
 * What `AgentRequestSchema.parse` returns, for the common request that needs no transformation: only
 * the string fields of the schema (already trimmed, within their bounds) and `audience`, no explicit
 * `undefined`; keys in the schema's order, the defaults filled in. Anything else (options, context,
 * origin, traceparent, a timeout, a value to trim or to reject) is `undefined`: the caller parses with
 * zod, whose messages and transformations stay the reference. A zod parse of every request showed in CPU
 * profiles (its object parser is shared by every schema of the process, hence slow on a hot path);
 * agent-request.test.ts checks the two agree.
 */
export function plainValidRequest(request: AgentRequest): Omit<ValidAgentRequest, 'signal'> | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  for (const key in request) {
    if (!PLAIN_KEYS.has(key)) return undefined;
    if (key !== 'signal' && (request as Record<string, unknown>)[key] === undefined) return undefined;
  }
  const { agent, agentId, message, tenantId, contactId, sessionId, channelId, messageId, idempotencyKey, audience } =
    request;
  if (agent !== undefined && !trimmed(agent, 100)) return undefined;
  if (!trimmed(message, MAX_MESSAGE_CHARS) || !trimmed(tenantId, ID_MAX)) return undefined;
  if (agentId !== undefined && !trimmed(agentId, ID_MAX)) return undefined;
  if (contactId !== undefined && !trimmed(contactId, ID_MAX)) return undefined;
  if (sessionId !== undefined && !trimmed(sessionId, ID_MAX)) return undefined;
  if (messageId !== undefined && !trimmed(messageId, ID_MAX)) return undefined;
  if (idempotencyKey !== undefined && !trimmed(idempotencyKey, 300)) return undefined;
  if (channelId !== undefined && !(typeof channelId === 'string' && channelId.length <= 200)) return undefined;
  if (audience !== undefined && audience !== 'customer' && audience !== 'staff') return undefined;
  // The schema's key order: its output lists the keys present in this order, defaults included.
  const out: Record<string, unknown> = { agent: agent ?? 'auto' };
  if (agentId !== undefined) out['agentId'] = agentId;
  out['message'] = message;
  out['tenantId'] = tenantId;
  if (contactId !== undefined) out['contactId'] = contactId;
  if (sessionId !== undefined) out['sessionId'] = sessionId;
  if (channelId !== undefined) out['channelId'] = channelId;
  if (messageId !== undefined) out['messageId'] = messageId;
  if (idempotencyKey !== undefined) out['idempotencyKey'] = idempotencyKey;
  out['audience'] = audience ?? 'staff';
  return out as Omit<ValidAgentRequest, 'signal'>;
}
