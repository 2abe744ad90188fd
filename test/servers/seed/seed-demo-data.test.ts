import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStoreEmpty, seedDemoData } from '../../../src/servers/seed/index.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';
import { InvalidInputError } from '../../../src/shared/index.js';

const NOW = new Date('2026-11-21T15:00:00.000Z');
let dir: string;
let store: CrmStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-seed-'));
  store = await openCrmStore({ path: join(dir, 'crm.db') });
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

// Test-side reads of the seeded tables (the assertions are about data, not about a repository).
const scalar = (db: Database, sql: string, ...params: unknown[]) =>
  Object.values(db.prepare(sql).get(...params) as object)[0];
const counts = (db: Database) =>
  Object.fromEntries(
    [
      'contacts',
      'leads',
      'purchases',
      'offers',
      'tickets',
      'messages',
      'memories',
      'graph_edges',
      'memory_entities',
    ].map((t) => [t, scalar(db, `SELECT count(*) FROM ${t}`)]),
  );

describe('seedDemoData', () => {
  it('fills an empty store with three tenants, tenant-demo the richest', async () => {
    expect(isStoreEmpty(store)).toBe(true);
    const report = await seedDemoData(store, { now: NOW });
    expect(isStoreEmpty(store)).toBe(false);
    expect(report.map((t) => t.id)).toEqual(['tenant-demo', 'tenant-acme', 'tenant-isolation']);
    const demo = report[0];
    expect(demo?.contacts).toBeGreaterThanOrEqual(30);
    expect(demo?.leadsToday).toBeGreaterThan(0);
    expect(store.memories.count('tenant-demo')).toBeGreaterThan(50);
    expect(store.memories.countPendingEmbedding(store.embedder.id)).toBe(0);
  });

  it('is idempotent: a second run adds no rows', async () => {
    const before = counts(store.db);
    const report = await seedDemoData(store, { now: NOW });
    expect(report.every((t) => t.memoriesCreated === 0)).toBe(true);
    expect(counts(store.db)).toEqual(before);
  });

  it('gives João a clearly higher conversion rate than Maria', () => {
    const rate = (agent: string) =>
      Number(
        scalar(
          store.db,
          `SELECT avg(status = 'won') FROM leads WHERE tenant_id = 'tenant-demo' AND assigned_agent_id = ? AND status <> 'open'`,
          agent,
        ),
      );
    expect(rate('agent-joao')).toBeGreaterThan(rate('agent-maria') + 0.3);
    expect(store.agents.get('tenant-demo', 'agent-joao')?.name).toMatch(/^João/);
    expect(store.agents.get('tenant-demo', 'agent-maria')?.name).toMatch(/^Maria/);
    expect(store.agents.list('tenant-demo').some((a) => a.kind === 'ai')).toBe(true);
  });

  it('has leads created today relative to `now`', () => {
    const today = Number(
      scalar(
        store.db,
        "SELECT count(*) FROM leads WHERE tenant_id = 'tenant-demo' AND substr(created_at, 1, 10) = '2026-11-21'",
      ),
    );
    const earlier = Number(
      scalar(store.db, "SELECT count(*) FROM leads WHERE tenant_id = 'tenant-demo' AND created_at < '2026-11-21'"),
    );
    expect(today).toBeGreaterThan(0);
    expect(earlier).toBeGreaterThan(today);
  });

  it('contains the demo stories: Carlos, a R$ 50k+ account, a hot lead, an angry customer, 3 offers, a degraded component', () => {
    const carlos = store.contacts.get('tenant-demo', 'contact-carlos');
    expect(carlos?.lifetime_value).toBeGreaterThan(30000);
    expect(
      store.memories
        .listRecent('tenant-demo', { contactId: 'contact-carlos' }, 50)
        .map((m) => m.content)
        .join(' '),
    ).toMatch(/cancelar/);
    expect(
      Number(scalar(store.db, "SELECT max(lifetime_value) FROM contacts WHERE tenant_id = 'tenant-demo'")),
    ).toBeGreaterThan(50000);
    expect(
      scalar(
        store.db,
        "SELECT count(*) FROM leads WHERE tenant_id = 'tenant-demo' AND classification = 'hot' AND status = 'open'",
      ),
    ).toBeGreaterThan(0);
    expect(
      Number(scalar(store.db, "SELECT max(severity) FROM tickets WHERE tenant_id = 'tenant-demo'")),
    ).toBeGreaterThanOrEqual(8);
    expect(
      scalar(
        store.db,
        "SELECT max(n) FROM (SELECT count(*) AS n FROM offers WHERE tenant_id = 'tenant-demo' GROUP BY contact_id)",
      ),
    ).toBe(3);
    expect(
      scalar(
        store.db,
        "SELECT count(*) FROM system_components WHERE tenant_id = 'tenant-demo' AND status = 'degraded'",
      ),
    ).toBe(1);
    expect(store.tenants.get('tenant-acme')?.locale).toBe('en-US');
  });

  it('shares contact ids between tenant-demo and tenant-isolation on purpose', () => {
    expect(store.contacts.get('tenant-isolation', 'contact-carlos')?.name).toBe('Carlos Isolado');
    expect(store.contacts.get('tenant-demo', 'contact-carlos')?.name).toBe('Carlos Mendes');
  });

  it('is deterministic for a given `now`, and reset rebuilds a tenant from scratch', async () => {
    const before = counts(store.db);
    const phones = store.contacts.list('tenant-demo').map((c) => c.phone);
    await seedDemoData(store, { now: NOW, reset: true, tenants: ['tenant-demo'] });
    expect(counts(store.db)).toEqual(before);
    expect(store.contacts.list('tenant-demo').map((c) => c.phone)).toEqual(phones);
    await expect(seedDemoData(store, { tenants: ['tenant-nope'] })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
