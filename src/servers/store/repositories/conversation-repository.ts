import type { Database } from 'better-sqlite3';
import { orNull } from './json.js';

export interface ConversationRow {
  id: string;
  contact_id: string;
  agent_id: string | null;
  channel: string;
  status: 'open' | 'closed';
  summary: string | null;
  sentiment: number | null;
  started_at: string;
  ended_at: string | null;
}

export type NewConversation = Pick<ConversationRow, 'id' | 'contact_id' | 'started_at'> &
  Partial<Omit<ConversationRow, 'id' | 'contact_id' | 'started_at'>>;

/** CRM conversations (not the agent host's own sessions). */
export function createConversationRepository(db: Database) {
  const upsertStmt = db.prepare(`INSERT INTO conversations (tenant_id, id, contact_id, agent_id, channel, status,
      summary, sentiment, started_at, ended_at)
    VALUES (@tenant_id, @id, @contact_id, @agent_id, @channel, @status, @summary, @sentiment, @started_at, @ended_at)
    ON CONFLICT (tenant_id, id) DO UPDATE SET agent_id = excluded.agent_id, status = excluded.status,
      summary = excluded.summary, sentiment = excluded.sentiment, ended_at = excluded.ended_at`);
  const getStmt = db.prepare(
    'SELECT id, contact_id, agent_id, channel, status, summary, sentiment, started_at, ended_at FROM conversations WHERE tenant_id = ? AND id = ?',
  );
  const byContactStmt = db.prepare(`SELECT id, contact_id, agent_id, channel, status, summary, sentiment, started_at,
      ended_at FROM conversations WHERE tenant_id = ? AND contact_id = ? ORDER BY started_at DESC LIMIT ?`);
  return {
    upsert(tenantId: string, conversation: NewConversation): void {
      upsertStmt.run({
        tenant_id: tenantId,
        id: conversation.id,
        contact_id: conversation.contact_id,
        agent_id: orNull(conversation.agent_id),
        channel: conversation.channel ?? 'whatsapp',
        status: conversation.status ?? 'open',
        summary: orNull(conversation.summary),
        sentiment: orNull(conversation.sentiment),
        started_at: conversation.started_at,
        ended_at: orNull(conversation.ended_at),
      });
    },
    get(tenantId: string, id: string): ConversationRow | undefined {
      return getStmt.get(tenantId, id) as ConversationRow | undefined;
    },
    listByContact(tenantId: string, contactId: string, limit = 50): ConversationRow[] {
      return byContactStmt.all(tenantId, contactId, limit) as ConversationRow[];
    },
  };
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;
