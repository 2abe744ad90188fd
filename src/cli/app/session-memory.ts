import type { ConversationKey, EndReason } from '../../agents/application/session-end/index.js';
import { SESSION_AUDIENCE_KEY } from '../../agents/catalog/index.js';
import type { SessionStore } from '../../agents/sessions/index.js';
import type { McpHost } from '../../host/index.js';
import { sessionMessages } from './workflow-effects.js';

/** The history `add_session` is given at most (its schema's bound). */
const MAX_SESSION_MESSAGES = 500;

export interface SessionMemoryDeps {
  host: Pick<McpHost, 'callTool'>;
  sessions: Pick<SessionStore, 'load'>;
}

/**
 * Hands one ended conversation to memory: the session's history as text turns, and the category of
 * the agent that served it, through the memory tool `add_session` (the local memory server or the Go
 * memory service) with the trusted tenant and contact and the key `session-ended/<session_id>`, the
 * same the workflows' `session.ended` handler uses. A session with nothing to remember is skipped; a
 * tool error is thrown (the tracker logs it).
 */
export function addSessionToMemory(deps: SessionMemoryDeps) {
  return async (key: ConversationKey, reason: EndReason, signal: AbortSignal): Promise<void> => {
    const session = await deps.sessions.load(key, { historyWindow: MAX_SESSION_MESSAGES });
    const messages = session ? sessionMessages(session.history) : [];
    if (messages.length === 0) return;
    const category = session?.state['agent_category'];
    const outcome = await deps.host.callTool(
      'add_session',
      {
        session_id: key.sessionId,
        contact_id: key.contactId,
        messages,
        metadata: typeof category === 'string' ? { agent_category: category } : {},
      },
      {
        tenantId: key.tenantId,
        contactId: key.contactId,
        sessionId: key.sessionId,
        idempotencyKey: `session-ended/${key.sessionId}`,
        signal,
      },
    );
    if (outcome.isError) throw new Error(`add_session (${reason}): ${outcome.content.slice(0, 300)}`);
  };
}

/**
 * For a conversation re-armed after a restart, just before its idle end: it may end only if its session
 * was not updated after the update the restart saw (otherwise an instance answered it since, and that
 * instance's own clock ends it) and its last run was a customer's (the store also holds staff runs,
 * which the tracker never follows). A session written before the audience was recorded is not ended.
 */
export function mayEndResumedIn(sessions: Pick<SessionStore, 'load'>) {
  return async (key: ConversationKey, seenUpdatedAt: number): Promise<boolean> => {
    const session = await sessions.load(key, { historyWindow: 0 });
    return (
      session !== undefined && session.updatedAt <= seenUpdatedAt && session.state[SESSION_AUDIENCE_KEY] === 'customer'
    );
  };
}
