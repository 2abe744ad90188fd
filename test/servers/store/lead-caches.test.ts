import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore, openDatabase } from '../../../src/servers/store/crm-store.js';

// The lead repository keeps `latestForContact` per contact and `campaignStats` per campaign: a kept
// answer comes back as the same (frozen) object, a re-read as a new one — identity shows a hit.

const T1 = 't1';
const T2 = 't2';

let dir: string;
let store: CrmStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-lead-caches-'));
  store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
  for (const tenant of [T1, T2]) {
    store.tenants.upsert(tenant, { name: tenant, locale: 'pt-BR', currency: 'BRL' });
    store.contacts.upsert(tenant, { id: 'c1', name: 'Ana' });
    store.contacts.upsert(tenant, { id: 'c2', name: 'Bia' });
  }
  const leads = store.crm.leads;
  leads.create(T1, { id: 'l1', contact_id: 'c1', campaign_id: 'camp', score: 50, created_at: '2026-01-01T00:00:00Z' });
  leads.create(T1, { id: 'l2', contact_id: 'c2', campaign_id: 'camp', score: 70, created_at: '2026-01-02T00:00:00Z' });
  leads.create(T2, { id: 'l1', contact_id: 'c1', campaign_id: 'camp', score: 10, created_at: '2026-01-01T00:00:00Z' });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const latest = (tenant: string, contact: string) => store.crm.leads.latestForContact(tenant, contact);
const stats = (tenant: string) => store.crm.leads.campaignStats(tenant, 'camp');
const sql = (text: string, ...params: unknown[]) => store.db.prepare(text).run(...params);

describe('LeadRepository.latestForContact cache', () => {
  it('keeps the answer, frozen, until a lead of that contact is written through the repository', () => {
    const first = latest(T1, 'c1');
    expect(first?.id).toBe('l1');
    expect(latest(T1, 'c1')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    store.crm.leads.update(T1, 'l1', { stage_id: 'qualified', bant: { budget: { score: 5 } } as never });
    const after = latest(T1, 'c1');
    expect(after).not.toBe(first);
    expect(after?.stage_id).toBe('qualified');
    expect(Object.isFrozen(after?.bant)).toBe(true);
  });

  it('sees raw SQL of this connection: update, insert (a newer open lead) and delete', () => {
    const first = latest(T1, 'c1');
    sql("UPDATE leads SET status = 'lost' WHERE tenant_id = ? AND id = 'l1'", T1);
    expect(latest(T1, 'c1')?.status).toBe('lost');
    sql(
      `INSERT INTO leads (tenant_id, id, contact_id, source, stage_id, status, value, created_at, updated_at)
       VALUES (?, 'l9', 'c1', 'website', 'new', 'open', 0, '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z')`,
      T1,
    );
    expect(latest(T1, 'c1')?.id).toBe('l9');
    sql("DELETE FROM leads WHERE tenant_id = ? AND id = 'l9'", T1);
    expect(latest(T1, 'c1')?.id).toBe('l1');
    sql("DELETE FROM leads WHERE tenant_id = ? AND id = 'l1'", T1);
    expect(latest(T1, 'c1')).toBeUndefined();
    expect(first?.status).toBe('open');
  });

  it('sees a lead moved to the contact by UPDATE or INSERT OR REPLACE', () => {
    expect(latest(T1, 'c1')?.id).toBe('l1');
    sql(
      "UPDATE leads SET contact_id = 'c1', created_at = '2026-03-01T00:00:00Z' WHERE tenant_id = ? AND id = 'l2'",
      T1,
    );
    expect(latest(T1, 'c1')?.id).toBe('l2');
    expect(latest(T1, 'c2')).toBeUndefined();
    sql(
      `INSERT OR REPLACE INTO leads (tenant_id, id, contact_id, source, stage_id, status, value, created_at, updated_at)
       VALUES (?, 'l2', 'c2', 'website', 'new', 'open', 0, '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')`,
      T1,
    );
    expect(latest(T1, 'c1')?.id).toBe('l1');
    expect(latest(T1, 'c2')?.id).toBe('l2');
  });

  it("sees another connection's commit", () => {
    expect(latest(T1, 'c1')?.stage_id).toBe('new');
    const other = openDatabase(join(dir, 'crm.db'));
    try {
      other.prepare("UPDATE leads SET stage_id = 'proposal' WHERE tenant_id = ? AND id = 'l1'").run(T1);
    } finally {
      other.close();
    }
    expect(latest(T1, 'c1')?.stage_id).toBe('proposal');
  });

  it('keeps contacts and tenants apart: their writes leave the others kept', () => {
    const [c1, c2, t2c1] = [latest(T1, 'c1'), latest(T1, 'c2'), latest(T2, 'c1')];
    expect([c1?.score, c2?.score, t2c1?.score]).toEqual([50, 70, 10]);
    sql("UPDATE leads SET score = 71 WHERE tenant_id = ? AND id = 'l2'", T1);
    expect(latest(T1, 'c1')).toBe(c1);
    expect(latest(T1, 'c2')?.score).toBe(71);
    sql("UPDATE leads SET score = 11 WHERE tenant_id = ? AND id = 'l1'", T2);
    expect(latest(T1, 'c1')).toBe(c1);
    expect(latest(T2, 'c1')?.score).toBe(11);
  });

  it('keeps nothing read inside a transaction, and a rolled-back write is not seen after', () => {
    const before = latest(T1, 'c1');
    expect(() =>
      store.db.transaction(() => {
        sql("UPDATE leads SET stage_id = 'won' WHERE tenant_id = ? AND id = 'l1'", T1);
        expect(latest(T1, 'c1')?.stage_id).toBe('won');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    const after = latest(T1, 'c1');
    expect(after?.stage_id).toBe('new');
    expect(after).toEqual(before);
  });
});

describe('LeadRepository.campaignStats cache', () => {
  it('keeps the stats, frozen, until any lead is written (repository or raw SQL)', () => {
    const first = stats(T1);
    expect(first).toMatchObject({ leads: 2, open: 2, won: 0, avg_score: 60 });
    expect(stats(T1)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    store.crm.leads.update(T1, 'l2', { status: 'won', value: 900 });
    expect(stats(T1)).toMatchObject({ leads: 2, open: 1, won: 1, won_value: 900 });
    sql("UPDATE leads SET score = 90 WHERE tenant_id = ? AND id = 'l1'", T1);
    expect(stats(T1).avg_score).toBe(80);
    sql("DELETE FROM leads WHERE tenant_id = ? AND id = 'l1'", T1);
    expect(stats(T1)).toMatchObject({ leads: 1, open: 0 });
  });

  it("sees another connection's commit", () => {
    expect(stats(T1).leads).toBe(2);
    const other = openDatabase(join(dir, 'crm.db'));
    try {
      other.prepare("UPDATE leads SET campaign_id = NULL WHERE tenant_id = ? AND id = 'l2'").run(T1);
    } finally {
      other.close();
    }
    expect(stats(T1).leads).toBe(1);
  });

  it('keeps tenants and campaigns apart', () => {
    expect([stats(T1).leads, stats(T2).leads]).toEqual([2, 1]);
    expect(store.crm.leads.campaignStats(T1, 'other').leads).toBe(0);
    sql("UPDATE leads SET campaign_id = 'other' WHERE tenant_id = ? AND id = 'l1'", T2);
    expect([stats(T1).leads, stats(T2).leads]).toEqual([2, 0]);
    expect(store.crm.leads.campaignStats(T2, 'other').leads).toBe(1);
    expect(store.crm.leads.campaignStats(T1, 'other').leads).toBe(0);
  });

  it('keeps nothing read inside a transaction, and a rolled-back write is not seen after', () => {
    expect(stats(T1).won).toBe(0);
    expect(() =>
      store.db.transaction(() => {
        sql("UPDATE leads SET status = 'won' WHERE tenant_id = ?", T1);
        expect(stats(T1).won).toBe(2);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(stats(T1).won).toBe(0);
  });
});

describe('leads by campaign', () => {
  it('a campaign’s stats are read through the campaign index', () => {
    const plan = (sql: string) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(T1, 'camp') as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' ');
    expect(plan('SELECT count(*) FROM leads WHERE tenant_id = ? AND campaign_id = ?')).toContain('leads_by_campaign');
    expect(stats(T1)).toMatchObject({ leads: 2 });
  });
});
