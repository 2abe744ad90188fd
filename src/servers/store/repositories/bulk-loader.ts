import type { Database, Statement } from 'better-sqlite3';

type Row = Record<string, string | number | null>;

// Columns per CRM table (migrations 001 and 007) that a loader may set; anything else is rejected (no SQL from input).
const TABLES = {
  pipeline_stages: ['id', 'name', 'position', 'probability'],
  campaigns: ['id', 'name', 'channel', 'budget', 'started_at', 'ended_at'],
  leads: [
    'id',
    'contact_id',
    'source',
    'campaign_id',
    'stage_id',
    'status',
    'score',
    'classification',
    'bant',
    'assigned_agent_id',
    'value',
    'created_at',
    'updated_at',
    'converted_at',
  ],
  purchases: ['id', 'contact_id', 'product', 'amount', 'purchased_at'],
  offers: [
    'id',
    'contact_id',
    'discount_pct',
    'offer_type',
    'reason',
    'status',
    'created_by',
    'valid_until',
    'created_at',
  ],
  tickets: [
    'id',
    'contact_id',
    'subject',
    'description',
    'category',
    'priority',
    'severity',
    'status',
    'assigned_team',
    'created_at',
    'updated_at',
  ],
  escalations: ['id', 'contact_id', 'target', 'reason', 'severity', 'ticket_id', 'status', 'created_at'],
  tasks: ['id', 'contact_id', 'lead_id', 'agent_id', 'title', 'due_at', 'status', 'created_at'],
  system_components: ['component', 'status', 'message', 'updated_at'],
  error_logs: ['id', 'contact_id', 'component', 'level', 'code', 'message', 'occurred_at'],
} as const;

// Children before parents, so foreign keys hold at every step.
const RESET_ORDER = [
  'memory_entities',
  'graph_edges',
  'graph_nodes',
  'messages',
  'conversations',
  ...Object.keys(TABLES),
  'agents',
  'contacts',
];

/** A table of migration 001 that the bulk loader writes. */
export type LoadableTable = keyof typeof TABLES;

/**
 * Inserts-or-replaces whole rows of the CRM core tables for one tenant: what the demo seed and
 * imports need. Statements are prepared once per table; a row may omit columns that have defaults.
 */
export function createBulkLoader(db: Database) {
  const statements = new Map<string, Statement>();
  let resetStatements: Statement[] | undefined;
  function statement(table: LoadableTable, columns: readonly string[]): Statement {
    const key = `${table}:${columns.join(',')}`;
    let stmt = statements.get(key);
    if (!stmt) {
      const names = ['tenant_id', ...columns];
      stmt = db.prepare(
        `INSERT OR REPLACE INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
      );
      statements.set(key, stmt);
    }
    return stmt;
  }
  return {
    put(tenantId: string, table: LoadableTable, row: Row): void {
      const allowed: readonly string[] = TABLES[table];
      const columns = Object.keys(row).filter((c) => row[c] !== undefined);
      for (const column of columns) {
        if (!allowed.includes(column)) throw new RangeError(`unknown column ${table}.${column}`);
      }
      statement(table, columns).run({ ...row, tenant_id: tenantId });
    },
    /**
     * Deletes the tenant's rows from the CRM and graph tables (memories: MemoryRepository.deleteTenant).
     * Call it through CrmStore.resetTenant, which also drops the graph's cached walks.
     */
    resetTenant(tenantId: string): void {
      resetStatements ??= RESET_ORDER.map((table) => db.prepare(`DELETE FROM ${table} WHERE tenant_id = ?`));
      const statements = resetStatements;
      db.transaction(() => {
        for (const stmt of statements) stmt.run(tenantId);
      })();
    },
  };
}
export type BulkLoader = ReturnType<typeof createBulkLoader>;
