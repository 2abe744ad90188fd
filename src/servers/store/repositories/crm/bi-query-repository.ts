import type { Database } from 'better-sqlite3';
import { normalizeText } from '../../../../shared/index.js';

/** A half-open time range [from, to) in ISO-8601 UTC. */
export interface TimeRange {
  from: string;
  to: string;
}

export interface LeadStats {
  total: number;
  qualified: number;
  converted: number;
  lost: number;
  total_value_won: number;
  by_source: Record<string, number>;
  by_classification: Record<string, number>;
  by_stage: Record<string, number>;
}

export interface AgentInfoRow {
  id: string;
  name: string;
  kind: 'human' | 'ai';
  team: string;
  active: boolean;
}

/** Numbers of one agent over a period; leads are the cohort CREATED in the period and assigned to it. */
export interface AgentStatsRow extends AgentInfoRow {
  leads_assigned: number;
  conversions: number;
  lost: number;
  conversion_rate: number;
  revenue: number;
  conversations: number;
  messages_sent: number;
  avg_response_seconds: number | null;
  responses_measured: number;
  avg_conversation_sentiment: number | null;
}

export interface AgentMessageSample {
  id: string;
  conversation_id: string;
  contact_id: string;
  text: string;
  sentiment: number | null;
  created_at: string;
  /** Whether the contact of this message has a won lead (the conversion signal words are correlated with). */
  contact_converted: boolean;
}

/**
 * Read-only aggregate queries for the BI tools over leads, messages, conversations and agents. Every
 * query is scoped by tenant and by a time range; numbers come only from rows.
 */
export function createBiQueryRepository(db: Database) {
  const leadTotalsStmt = db.prepare(`SELECT count(*) AS total,
      coalesce(sum(coalesce(score, 0) >= 60 OR classification IN ('hot', 'warm')), 0) AS qualified,
      coalesce(sum(status = 'won'), 0) AS converted, coalesce(sum(status = 'lost'), 0) AS lost,
      coalesce(sum(CASE WHEN status = 'won' THEN value ELSE 0 END), 0) AS total_value_won
    FROM leads WHERE tenant_id = @tenant AND created_at >= @from AND created_at < @to`);
  const groupStmt = (column: 'source' | 'classification' | 'stage_id') =>
    db.prepare(`SELECT coalesce(${column}, 'unscored') AS k, count(*) AS n FROM leads
      WHERE tenant_id = @tenant AND created_at >= @from AND created_at < @to GROUP BY k ORDER BY n DESC`);
  const bySource = groupStmt('source');
  const byClassification = groupStmt('classification');
  const byStage = groupStmt('stage_id');
  const agentsStmt = db.prepare('SELECT id, name, kind, team, active FROM agents WHERE tenant_id = ? ORDER BY id');
  const agentStatsStmt = db.prepare(`SELECT a.id, a.name, a.kind, a.team, a.active,
      coalesce(l.assigned, 0) AS leads_assigned, coalesce(l.won, 0) AS conversions, coalesce(l.lost, 0) AS lost,
      coalesce(l.revenue, 0) AS revenue, coalesce(c.conversations, 0) AS conversations,
      c.sentiment AS avg_conversation_sentiment, coalesce(m.sent, 0) AS messages_sent
    FROM agents a
    LEFT JOIN (SELECT assigned_agent_id AS agent_id, count(*) AS assigned, sum(status = 'won') AS won,
        sum(status = 'lost') AS lost, sum(CASE WHEN status = 'won' THEN value ELSE 0 END) AS revenue
      FROM leads WHERE tenant_id = @tenant AND created_at >= @from AND created_at < @to GROUP BY assigned_agent_id) l
      ON l.agent_id = a.id
    LEFT JOIN (SELECT agent_id, count(*) AS conversations, avg(sentiment) AS sentiment FROM conversations
      WHERE tenant_id = @tenant AND started_at >= @from AND started_at < @to GROUP BY agent_id) c ON c.agent_id = a.id
    LEFT JOIN (SELECT agent_id, count(*) AS sent FROM messages
      WHERE tenant_id = @tenant AND from_me = 1 AND created_at >= @from AND created_at < @to GROUP BY agent_id) m
      ON m.agent_id = a.id
    WHERE a.tenant_id = @tenant ORDER BY a.id`);
  // Response time = an agent's message right after a customer message in the same conversation.
  const responseTimesStmt = db.prepare(`WITH ordered AS (
      SELECT agent_id, from_me, created_at,
        lag(from_me) OVER w AS prev_from_me, lag(created_at) OVER w AS prev_at
      FROM messages WHERE tenant_id = @tenant AND created_at >= @from AND created_at < @to
      WINDOW w AS (PARTITION BY conversation_id ORDER BY created_at))
    SELECT agent_id, avg((julianday(created_at) - julianday(prev_at)) * 86400.0) AS avg_seconds, count(*) AS n
    FROM ordered WHERE from_me = 1 AND prev_from_me = 0 AND agent_id IS NOT NULL GROUP BY agent_id`);
  const samplesStmt = db.prepare(`SELECT m.id, m.conversation_id, m.contact_id, m.text, m.sentiment, m.created_at,
      EXISTS (SELECT 1 FROM leads l WHERE l.tenant_id = m.tenant_id AND l.contact_id = m.contact_id AND l.status = 'won')
        AS contact_converted
    FROM messages m WHERE m.tenant_id = @tenant AND m.agent_id = @agent AND m.from_me = 1
      AND m.created_at >= @from AND m.created_at < @to
    ORDER BY m.created_at DESC LIMIT @limit`);
  const customerSentimentStmt = db.prepare(`SELECT avg(m.sentiment) AS avg_sentiment, count(*) AS n
    FROM messages m JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
    WHERE m.tenant_id = @tenant AND c.agent_id = @agent AND m.from_me = 0
      AND m.created_at >= @from AND m.created_at < @to`);

  const toMap = (rows: unknown[]): Record<string, number> =>
    Object.fromEntries((rows as Array<{ k: string; n: number }>).map((r) => [r.k, r.n]));
  const toAgent = (r: Omit<AgentInfoRow, 'active'> & { active: number }): AgentInfoRow => ({
    ...r,
    active: r.active === 1,
  });

  const agents = (tenantId: string): AgentInfoRow[] =>
    (agentsStmt.all(tenantId) as Array<Omit<AgentInfoRow, 'active'> & { active: number }>).map(toAgent);

  return {
    leadStats(tenantId: string, range: TimeRange): LeadStats {
      const params = { tenant: tenantId, ...range };
      const totals = leadTotalsStmt.get(params) as Omit<LeadStats, 'by_source' | 'by_classification' | 'by_stage'>;
      return {
        ...totals,
        by_source: toMap(bySource.all(params)),
        by_classification: toMap(byClassification.all(params)),
        by_stage: toMap(byStage.all(params)),
      };
    },
    agents,
    /**
     * Agents whose id equals `query` or whose name matches it accent- and case-insensitively
     * ("joao" finds "João Silva"); exact and first-name matches first.
     */
    findAgents(tenantId: string, query: string): AgentInfoRow[] {
      const q = normalizeText(query);
      if (!q) return [];
      const all = agents(tenantId);
      const byId = all.filter((a) => a.id === query);
      if (byId.length > 0) return byId;
      const scored = all
        .map((a) => {
          const name = normalizeText(a.name);
          const rank = name === q ? 0 : name.split(' ')[0] === q ? 1 : name.includes(q) ? 2 : 3;
          return { a, rank };
        })
        .filter((x) => x.rank < 3)
        .sort((x, y) => x.rank - y.rank);
      return scored.map((x) => x.a);
    },
    agentStats(tenantId: string, range: TimeRange): AgentStatsRow[] {
      const params = { tenant: tenantId, ...range };
      const times = new Map(
        (responseTimesStmt.all(params) as Array<{ agent_id: string; avg_seconds: number; n: number }>).map((r) => [
          r.agent_id,
          r,
        ]),
      );
      const rows = agentStatsStmt.all(params) as Array<
        Omit<AgentStatsRow, 'active' | 'conversion_rate' | 'avg_response_seconds' | 'responses_measured'> & {
          active: number;
        }
      >;
      return rows.map((r) => {
        const t = times.get(r.id);
        return {
          ...r,
          active: r.active === 1,
          conversion_rate: r.leads_assigned > 0 ? r.conversions / r.leads_assigned : 0,
          avg_response_seconds: t ? t.avg_seconds : null,
          responses_measured: t ? t.n : 0,
        };
      });
    },
    /** The agent's own messages in the period, newest first, at most `limit`. */
    agentMessages(tenantId: string, agentId: string, range: TimeRange, limit: number): AgentMessageSample[] {
      const rows = samplesStmt.all({ tenant: tenantId, agent: agentId, ...range, limit }) as Array<
        Omit<AgentMessageSample, 'contact_converted'> & { contact_converted: number }
      >;
      return rows.map((r) => ({ ...r, contact_converted: r.contact_converted === 1 }));
    },
    /** Average sentiment (-1..1) of what customers wrote in the agent's conversations. */
    customerSentiment(
      tenantId: string,
      agentId: string,
      range: TimeRange,
    ): { avg_sentiment: number | null; n: number } {
      return customerSentimentStmt.get({ tenant: tenantId, agent: agentId, ...range }) as {
        avg_sentiment: number | null;
        n: number;
      };
    },
  };
}
export type BiQueryRepository = ReturnType<typeof createBiQueryRepository>;
