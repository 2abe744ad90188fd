import type { Database } from 'better-sqlite3';
import { orNull } from './json.js';
import { limitStatements } from './limit-statements.js';

export interface MessageRow {
  id: string;
  conversation_id: string;
  contact_id: string;
  agent_id: string | null;
  from_me: boolean;
  text: string;
  sentiment: number | null;
  created_at: string;
  /** The conversation's channel. */
  channel: string;
}

export type NewMessage = Omit<MessageRow, 'agent_id' | 'sentiment' | 'channel'> & {
  agent_id?: string | null;
  sentiment?: number | null;
};

export interface ContactMessageStats {
  total: number;
  inbound: number;
  sentimentAverage: number | null;
  first: string | null;
  last: string | null;
}

type StoredMessage = Omit<MessageRow, 'from_me'> & { from_me: number };

/** Messages of CRM conversations. */
export function createMessageRepository(db: Database) {
  const insertStmt = db.prepare(`INSERT OR REPLACE INTO messages (tenant_id, id, conversation_id, contact_id, agent_id,
      from_me, text, sentiment, created_at)
    VALUES (@tenant_id, @id, @conversation_id, @contact_id, @agent_id, @from_me, @text, @sentiment, @created_at)`);
  const byContact = limitStatements(
    (limit) =>
      db.prepare(`SELECT m.id, m.conversation_id, m.contact_id, m.agent_id, m.from_me, m.text,
      m.sentiment, m.created_at, coalesce(c.channel, 'whatsapp') AS channel
    FROM messages m LEFT JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
    WHERE m.tenant_id = ? AND m.contact_id = ? ORDER BY m.created_at DESC, m.id DESC LIMIT ${limit}`),
    '?',
  );
  const statsStmt = db.prepare(`SELECT count(*) AS total, sum(from_me = 0) AS inbound,
      avg(CASE WHEN from_me = 0 THEN sentiment END) AS sentimentAverage, min(created_at) AS first, max(created_at) AS last
    FROM messages WHERE tenant_id = ? AND contact_id = ?`);
  return {
    insert(tenantId: string, message: NewMessage): void {
      insertStmt.run({
        ...message,
        tenant_id: tenantId,
        from_me: message.from_me ? 1 : 0,
        agent_id: orNull(message.agent_id ?? undefined),
        sentiment: orNull(message.sentiment ?? undefined),
      });
    },
    /** Newest first. */
    listByContact(tenantId: string, contactId: string, limit = 20): MessageRow[] {
      const { statement, bound } = byContact(limit);
      const rows = bound ? statement.all(tenantId, contactId, limit) : statement.all(tenantId, contactId);
      return (rows as StoredMessage[]).map((row) => ({
        ...row,
        from_me: row.from_me === 1,
      }));
    },
    statsByContact(tenantId: string, contactId: string): ContactMessageStats {
      const row = statsStmt.get(tenantId, contactId) as ContactMessageStats & { inbound: number | null };
      return { ...row, inbound: row.inbound ?? 0 };
    },
  };
}
export type MessageRepository = ReturnType<typeof createMessageRepository>;
