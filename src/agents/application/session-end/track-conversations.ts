import { z } from 'zod';
import { InvalidInputError } from '../../../shared/index.js';
import { SessionEndedPayloadSchema, WorkflowEventSchema } from '../../durable-workflows/workflow-events.js';
import type { AgentApplication } from '../agent-application.js';
import type { AgentRequest } from '../agent-request.js';
import type { ExecutionResult } from '../execution-result.js';
import type { ConversationKey, SessionEndTracker } from './session-end-tracker.js';

/** The conversation a finished run answered: a customer's, with a contact and a session. */
function conversationOf(request: AgentRequest, result: ExecutionResult): ConversationKey | undefined {
  if (request.audience !== 'customer' || result.status === 'awaiting_approval') return undefined;
  const contactId = result.metadata['contact_id'] || request.contactId;
  const sessionId = result.metadata['session_id'];
  if (!contactId || !sessionId) return undefined;
  return { tenantId: request.tenantId, contactId, sessionId };
}

/**
 * `app` with every answered customer conversation reported to `tracker` (its idle clock), for every
 * transport at once (RabbitMQ, HTTP, WebSocket, gRPC). The answer is returned first; reporting is a
 * map write.
 */
export function trackConversations<T extends AgentApplication>(app: T, tracker: SessionEndTracker): T {
  return {
    ...app,
    async execute(request: AgentRequest) {
      const result = await app.execute(request);
      const key = conversationOf(request, result);
      if (key) tracker.answered(key);
      return result;
    },
    async *stream(request: AgentRequest) {
      for await (const item of app.stream(request)) {
        if (item.type === 'result') {
          const key = conversationOf(request, item.result);
          if (key) tracker.answered(key);
        }
        yield item;
      }
    },
  };
}

/** The queue of `session.ended` when no durable workflows consume it (they have their own queue). */
export const SESSION_ENDED_QUEUE = 'ventros.sessions.ended';

/** The conversation of a well-formed `session.ended` event; undefined for any other event. */
export function sessionEndedKeyOrUndefined(event: unknown): ConversationKey | undefined {
  try {
    return sessionEndedKey(event);
  } catch {
    return undefined;
  }
}

/**
 * The conversation a `session.ended` event names (the Ventros envelope, as the workflows read it).
 * A malformed event is an InvalidInputError (permanent: the consumer dead-letters it).
 */
export function sessionEndedKey(event: unknown): ConversationKey {
  const envelope = WorkflowEventSchema.safeParse(event);
  if (!envelope.success) throw new InvalidInputError(`invalid session.ended: ${z.prettifyError(envelope.error)}`);
  if (envelope.data.event_type !== 'session.ended') {
    throw new InvalidInputError(`expected a session.ended event, got ${envelope.data.event_type}`);
  }
  const payload = SessionEndedPayloadSchema.safeParse(envelope.data.payload);
  if (!payload.success) throw new InvalidInputError(`invalid session.ended payload: ${z.prettifyError(payload.error)}`);
  return { tenantId: envelope.data.tenant_id, contactId: payload.data.contact_id, sessionId: payload.data.session_id };
}
