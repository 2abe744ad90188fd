import { InvalidInputError, throwIfAborted } from '../../shared/index.js';
import type { CrmStore } from '../store/index.js';
import type { TenantDataset } from './dataset-builder.js';
import { buildDemoTenant, DEMO_TENANT_ID } from './demo-tenant.js';
import { buildEnglishTenant, buildIsolationTenant, ENGLISH_TENANT_ID, ISOLATION_TENANT_ID } from './other-tenants.js';

/** The seeded tenants and how to build each. */
export const SEED_TENANTS: Readonly<Record<string, (now: Date) => TenantDataset>> = {
  [DEMO_TENANT_ID]: buildDemoTenant,
  [ENGLISH_TENANT_ID]: buildEnglishTenant,
  [ISOLATION_TENANT_ID]: buildIsolationTenant,
};

export interface SeedOptions {
  /** Reference time: "today", "3 days ago" are relative to it (default: now). */
  now?: Date;
  /** Only these tenants (default: all of SEED_TENANTS). */
  tenants?: readonly string[];
  /** Delete the tenants' rows before seeding. */
  reset?: boolean;
  signal?: AbortSignal;
}

export interface SeededTenant {
  id: string;
  name: string;
  contacts: number;
  agents: number;
  leads: number;
  leadsToday: number;
  purchases: number;
  tickets: number;
  offers: number;
  conversations: number;
  messages: number;
  graphEdges: number;
  /** Memories written now (0 on a re-run: they were already there). */
  memoriesCreated: number;
}

const EMBED_BATCH = 256;

/** True when the store has no tenant at all (a fresh database): `npm start` seeds it then. */
export function isStoreEmpty(store: CrmStore): boolean {
  return store.tenants.list().length === 0;
}

async function writeTenant(
  store: CrmStore,
  data: TenantDataset,
  now: Date,
  signal?: AbortSignal,
): Promise<SeededTenant> {
  const tenantId = data.tenant.id;
  const fresh = data.memories.filter((m) => !store.memories.getById(tenantId, m.id));
  const vectors: Float32Array[] = [];
  for (let i = 0; i < fresh.length; i += EMBED_BATCH) {
    throwIfAborted(signal);
    vectors.push(
      ...(await store.embedder.embed(
        fresh.slice(i, i + EMBED_BATCH).map((m) => m.content),
        signal,
      )),
    );
  }
  store.db.transaction(() => {
    const { tenant } = data;
    store.tenants.upsert(tenantId, {
      name: tenant.name,
      locale: tenant.locale,
      currency: tenant.currency,
      time_zone: tenant.timeZone ?? null,
    });
    for (const agent of data.agents) store.agents.upsert(tenantId, agent);
    for (const contact of data.contacts) store.contacts.upsert(tenantId, contact);
    for (const { table, row } of data.rows) store.loader.put(tenantId, table, row);
    for (const conversation of data.conversations) store.conversations.upsert(tenantId, conversation);
    for (const message of data.messages) store.messages.insert(tenantId, message);
    for (const node of data.nodes) store.graph.upsertNode(tenantId, node);
    for (const edge of data.edges) store.graph.upsertEdge(tenantId, edge);
    fresh.forEach((memory, i) => {
      store.memories.insert(tenantId, memory, vectors[i], store.embedder.id);
    });
  })();
  const count = (table: string) => data.rows.filter((r) => r.table === table).length;
  const today = now.toISOString().slice(0, 10);
  return {
    id: tenantId,
    name: data.tenant.name,
    contacts: data.contacts.length,
    agents: data.agents.length,
    leads: count('leads'),
    leadsToday: data.rows.filter((r) => r.table === 'leads' && String(r.row.created_at).startsWith(today)).length,
    purchases: count('purchases'),
    tickets: count('tickets'),
    offers: count('offers'),
    conversations: data.conversations.length,
    messages: data.messages.length,
    graphEdges: data.edges.length,
    memoriesCreated: fresh.length,
  };
}

/**
 * Writes the demo dataset: three tenants (`tenant-demo`, PT-BR, the default; `tenant-acme`, English;
 * `tenant-isolation`, overlapping ids for isolation tests). Deterministic for a given `now` and
 * idempotent: rows are upserted by stable ids and existing memories are not duplicated.
 *
 * @example
 * await seedDemoData(store, { now: new Date('2026-11-21T12:00:00Z') });
 */
export async function seedDemoData(store: CrmStore, options: SeedOptions = {}): Promise<SeededTenant[]> {
  const now = options.now ?? new Date();
  const ids = options.tenants ?? Object.keys(SEED_TENANTS);
  const unknown = ids.filter((id) => !SEED_TENANTS[id]);
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `unknown seed tenant(s): ${unknown.join(', ')}; known: ${Object.keys(SEED_TENANTS).join(', ')}`,
    );
  }
  const report: SeededTenant[] = [];
  for (const id of ids) {
    const build = SEED_TENANTS[id] as (now: Date) => TenantDataset;
    if (options.reset) store.resetTenant(id);
    report.push(await writeTenant(store, build(now), now, options.signal));
  }
  store.checkpoint();
  return report;
}
