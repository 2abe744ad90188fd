import type { Database, Statement } from 'better-sqlite3';
import { ContactCache, TableCache } from '../../table-cache.js';
import { orNull, parseJson } from '../json.js';
import { newId, type TenantGenerations } from './tenant-generations.js';

export type LeadClassification = 'hot' | 'warm' | 'cold' | 'unqualified';
export type LeadStatus = 'open' | 'won' | 'lost';

/** BANT assessment as stored on a lead (free text notes plus 0-10 scores). */
export interface Bant {
  budget: { score: number; notes?: string };
  authority: { score: number; notes?: string };
  need: { score: number; notes?: string };
  timeline: { score: number; notes?: string };
}

export interface LeadRow {
  id: string;
  contact_id: string;
  source: string;
  campaign_id: string | null;
  stage_id: string;
  status: LeadStatus;
  score: number | null;
  classification: LeadClassification | null;
  bant: Bant | null;
  assigned_agent_id: string | null;
  value: number;
  created_at: string;
  updated_at: string;
  converted_at: string | null;
}

export type NewLead = Pick<LeadRow, 'contact_id'> & Partial<Omit<LeadRow, 'contact_id'>>;

/** Fields a lead update may change (undefined = keep). */
export type LeadChanges = Partial<
  Pick<
    LeadRow,
    'stage_id' | 'status' | 'score' | 'classification' | 'bant' | 'assigned_agent_id' | 'value' | 'converted_at'
  >
>;

/** Outcome of a campaign's leads (no contact is named). */
export interface CampaignLeadStats {
  leads: number;
  won: number;
  lost: number;
  open: number;
  avg_score: number | null;
  won_value: number;
}

type StoredLead = Omit<LeadRow, 'bant'> & { bant: string | null; tenant_id: string };

/** The columns `update` may write (LeadChanges' keys): anything else in a changes object is not a column. */
const CHANGEABLE_COLUMNS: ReadonlySet<string> = new Set<keyof LeadChanges>([
  'stage_id',
  'status',
  'score',
  'classification',
  'bant',
  'assigned_agent_id',
  'value',
  'converted_at',
]);

/** Contacts whose latest lead is kept, and campaigns whose stats are kept (the oldest goes first). */
const LATEST_ENTRIES = 512;
const CAMPAIGN_ENTRIES = 64;

function toRow({ tenant_id: _t, ...row }: StoredLead): LeadRow {
  return { ...row, bant: parseJson<Bant | null>(row.bant, null) };
}

/** Sales leads of one tenant. */
export function createLeadRepository(db: Database, generations: TenantGenerations) {
  const insertStmt = db.prepare(`INSERT INTO leads (tenant_id, id, contact_id, source, campaign_id, stage_id, status,
      score, classification, bant, assigned_agent_id, value, created_at, updated_at, converted_at)
    VALUES (@tenant_id, @id, @contact_id, @source, @campaign_id, @stage_id, @status, @score, @classification, @bant,
      @assigned_agent_id, @value, @created_at, @updated_at, @converted_at)
    ON CONFLICT (tenant_id, id) DO UPDATE SET contact_id = excluded.contact_id, source = excluded.source,
      campaign_id = excluded.campaign_id, stage_id = excluded.stage_id, status = excluded.status, score = excluded.score,
      classification = excluded.classification, bant = excluded.bant, assigned_agent_id = excluded.assigned_agent_id,
      value = excluded.value, updated_at = excluded.updated_at, converted_at = excluded.converted_at`);
  const getStmt = db.prepare('SELECT * FROM leads WHERE tenant_id = ? AND id = ?');
  const latestForContactStmt = db.prepare(
    "SELECT * FROM leads WHERE tenant_id = ? AND contact_id = ? ORDER BY (status = 'open') DESC, created_at DESC LIMIT 1",
  );
  const byContactStmt = db.prepare(
    'SELECT * FROM leads WHERE tenant_id = ? AND contact_id = ? ORDER BY created_at DESC LIMIT ?',
  );
  const openCountByAgentStmt = db.prepare(
    "SELECT assigned_agent_id AS agent_id, count(*) AS n FROM leads WHERE tenant_id = ? AND status = 'open' AND assigned_agent_id IS NOT NULL GROUP BY assigned_agent_id",
  );
  const lastAssignedStmt = db.prepare(
    'SELECT assigned_agent_id AS agent_id, max(updated_at) AS at FROM leads WHERE tenant_id = ? AND assigned_agent_id IS NOT NULL GROUP BY assigned_agent_id',
  );
  // Leads of other contacts from the same campaign or, without one, the same source (bounded by @limit).
  const peersStmt = db.prepare(`SELECT * FROM leads WHERE tenant_id = @tenant_id AND contact_id != @contact_id
      AND ((@campaign_id IS NOT NULL AND campaign_id = @campaign_id) OR (@campaign_id IS NULL AND source = @source))
    ORDER BY created_at DESC LIMIT @limit`);
  const campaignStatsStmt = db.prepare(`SELECT count(*) AS leads,
      coalesce(sum(status = 'won'), 0) AS won, coalesce(sum(status = 'lost'), 0) AS lost,
      coalesce(sum(status = 'open'), 0) AS open, avg(score) AS avg_score,
      coalesce(sum(CASE WHEN status = 'won' THEN value ELSE 0 END), 0) AS won_value
    FROM leads WHERE tenant_id = ? AND campaign_id = ?`);
  // One sales turn reads the contact's lead up to three times (the contact context, the prospecting
  // tool, the lead the writing tool resolves): kept until a lead row of THAT contact is written by
  // any statement of this connection, or another connection commits (see ContactCache). Frozen.
  const latestByContact = new ContactCache<LeadRow | null>(db, ['leads'], LATEST_ENTRIES);
  // A campaign's outcome reads all its leads: kept until any lead is written (any contact may be in it).
  const statsByCampaign = new TableCache<CampaignLeadStats>(db, ['leads'], CAMPAIGN_ENTRIES);

  // An update writes only the columns it changes (one statement per set of columns): rewriting the
  // whole row through the upsert also rewrote every index entry of the row (contact, agent, created
  // at), about twice the CPU of the update itself.
  const updateStmts = new Map<string, Statement>();
  const updateStmtOf = (columns: readonly string[]): Statement => {
    const key = columns.join(',');
    let stmt = updateStmts.get(key);
    if (!stmt) {
      const set = columns.map((column) => `${column} = @${column}`).join(', ');
      stmt = db.prepare(`UPDATE leads SET ${set}, updated_at = @updated_at WHERE tenant_id = @tenant_id AND id = @id`);
      updateStmts.set(key, stmt);
    }
    return stmt;
  };

  const save = (tenantId: string, lead: LeadRow): LeadRow => {
    insertStmt.run({ tenant_id: tenantId, ...lead, bant: lead.bant ? JSON.stringify(lead.bant) : null });
    generations.bump(tenantId);
    return lead;
  };

  return {
    /** Inserts (or replaces by id) a lead; returns it as stored. */
    create(tenantId: string, lead: NewLead): LeadRow {
      const now = new Date().toISOString();
      return save(tenantId, {
        id: lead.id ?? newId('lead'),
        contact_id: lead.contact_id,
        source: lead.source ?? 'whatsapp',
        campaign_id: orNull(lead.campaign_id),
        stage_id: lead.stage_id ?? 'new',
        status: lead.status ?? 'open',
        score: orNull(lead.score),
        classification: orNull(lead.classification),
        bant: orNull(lead.bant),
        assigned_agent_id: orNull(lead.assigned_agent_id),
        value: lead.value ?? 0,
        created_at: lead.created_at ?? now,
        updated_at: lead.updated_at ?? lead.created_at ?? now,
        converted_at: orNull(lead.converted_at),
      });
    },
    get(tenantId: string, id: string): LeadRow | undefined {
      const row = getStmt.get(tenantId, id) as StoredLead | undefined;
      return row ? toRow(row) : undefined;
    },
    /** The contact's open lead if any, else its most recent one. */
    latestForContact(tenantId: string, contactId: string): Readonly<LeadRow> | undefined {
      const lead = latestByContact.read(tenantId, contactId, () => {
        const row = latestForContactStmt.get(tenantId, contactId) as StoredLead | undefined;
        return row ? toRow(row) : null;
      });
      return lead ?? undefined;
    },
    listByContact(tenantId: string, contactId: string, limit = 50): LeadRow[] {
      return (byContactStmt.all(tenantId, contactId, limit) as StoredLead[]).map(toRow);
    },
    /** Applies changes to an existing lead; undefined when it does not exist in this tenant. */
    update(tenantId: string, id: string, changes: LeadChanges, now = new Date()): LeadRow | undefined {
      const row = getStmt.get(tenantId, id) as StoredLead | undefined;
      if (!row) return undefined;
      const current = toRow(row);
      const next: LeadRow = { ...current, updated_at: now.toISOString() };
      const columns: string[] = [];
      for (const [key, value] of Object.entries(changes) as Array<[keyof LeadChanges, unknown]>) {
        if (value === undefined) continue;
        (next as unknown as Record<string, unknown>)[key] = value;
        if (CHANGEABLE_COLUMNS.has(key)) columns.push(key);
      }
      const params: Record<string, unknown> = { tenant_id: tenantId, id, updated_at: next.updated_at };
      for (const column of columns) params[column] = (next as unknown as Record<string, unknown>)[column];
      if (columns.includes('bant')) params['bant'] = next.bant ? JSON.stringify(next.bant) : null;
      updateStmtOf(columns).run(params);
      generations.bump(tenantId);
      return next;
    },
    /** Other contacts' leads from the same campaign (or the same source when `lead` has no campaign). */
    peersOf(tenantId: string, lead: LeadRow, limit: number): LeadRow[] {
      const rows = peersStmt.all({
        tenant_id: tenantId,
        contact_id: lead.contact_id,
        campaign_id: lead.campaign_id,
        source: lead.source,
        limit,
      }) as StoredLead[];
      return rows.map(toRow);
    },
    /** How a campaign's leads ended: counts by status, average score, value won (frozen, shared). */
    campaignStats(tenantId: string, campaignId: string): Readonly<CampaignLeadStats> {
      return statsByCampaign.read(
        JSON.stringify([tenantId, campaignId]),
        () => campaignStatsStmt.get(tenantId, campaignId) as CampaignLeadStats,
      );
    },
    /** Open leads per assigned agent (for load-aware assignment). */
    openLeadsByAgent(tenantId: string): Map<string, number> {
      const rows = openCountByAgentStmt.all(tenantId) as Array<{ agent_id: string; n: number }>;
      return new Map(rows.map((r) => [r.agent_id, r.n]));
    },
    /** When each agent last had a lead assigned or updated (for round-robin). */
    lastAssignmentByAgent(tenantId: string): Map<string, string> {
      const rows = lastAssignedStmt.all(tenantId) as Array<{ agent_id: string; at: string }>;
      return new Map(rows.map((r) => [r.agent_id, r.at]));
    },
  };
}
export type LeadRepository = ReturnType<typeof createLeadRepository>;
