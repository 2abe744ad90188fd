import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore, openDatabase } from '../../../src/servers/store/crm-store.js';

// `contacts.get`, `tenants.get` and `crm.campaigns.get` keep each row until its table is written: a
// kept row comes back as the same (frozen) object, a re-read as a new one — identity shows a hit.

const T1 = 't1';
const T2 = 't2';

let dir: string;
let store: CrmStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-contact-get-'));
  store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
  for (const tenant of [T1, T2]) {
    store.tenants.upsert(tenant, { name: tenant, locale: 'pt-BR', currency: 'BRL' });
    store.contacts.upsert(tenant, { id: 'c1', name: `Ana ${tenant}`, tags: ['vip'] });
    store.crm.campaigns.upsert(tenant, {
      id: 'camp',
      name: `Camp ${tenant}`,
      channel: 'ads',
      budget: 100,
      started_at: '2026-01-01T00:00:00Z',
      ended_at: null,
    });
  }
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (tenant: string, id = 'c1') => store.contacts.get(tenant, id);
const sql = (text: string, ...params: unknown[]) => store.db.prepare(text).run(...params);

describe('ContactRepository.get cache', () => {
  it('keeps the row, frozen, until a contact is written through the repository', () => {
    const first = get(T1);
    expect(first?.name).toBe('Ana t1');
    expect(get(T1)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.tags)).toBe(true);
    store.contacts.upsert(T1, { id: 'c1', name: 'Ana Maria', tags: ['vip', 'b2b'] });
    expect(get(T1)).toMatchObject({ name: 'Ana Maria', tags: ['vip', 'b2b'] });
    expect(first?.name).toBe('Ana t1');
  });

  it('sees raw SQL of this connection: update, insert and delete', () => {
    expect(get(T1, 'c9')).toBeUndefined();
    sql("INSERT INTO contacts (tenant_id, id, name, created_at, updated_at) VALUES (?, 'c9', 'Caio', 'x', 'x')", T1);
    expect(get(T1, 'c9')?.name).toBe('Caio');
    sql("UPDATE contacts SET company = 'ACME' WHERE tenant_id = ? AND id = 'c9'", T1);
    expect(get(T1, 'c9')?.company).toBe('ACME');
    sql("DELETE FROM contacts WHERE tenant_id = ? AND id = 'c9'", T1);
    expect(get(T1, 'c9')).toBeUndefined();
  });

  it("sees another connection's commit", () => {
    expect(get(T1)?.tier).toBe('standard');
    const other = openDatabase(join(dir, 'crm.db'));
    try {
      other.prepare("UPDATE contacts SET tier = 'premium' WHERE tenant_id = ? AND id = 'c1'").run(T1);
    } finally {
      other.close();
    }
    expect(get(T1)?.tier).toBe('premium');
  });

  it('keeps tenants apart', () => {
    expect([get(T1)?.name, get(T2)?.name]).toEqual(['Ana t1', 'Ana t2']);
    sql("UPDATE contacts SET name = 'Outra' WHERE tenant_id = ? AND id = 'c1'", T2);
    expect([get(T1)?.name, get(T2)?.name]).toEqual(['Ana t1', 'Outra']);
  });

  it('keeps nothing read inside a transaction, and a rolled-back write is not seen after', () => {
    const before = get(T1);
    expect(() =>
      store.db.transaction(() => {
        sql("UPDATE contacts SET name = 'Rolled' WHERE tenant_id = ? AND id = 'c1'", T1);
        expect(get(T1)?.name).toBe('Rolled');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    const after = get(T1);
    expect(after?.name).toBe('Ana t1');
    expect(after).toEqual(before);
  });
});

/** Writes through another connection to the same file, committed. */
function otherConnection(text: string, ...params: unknown[]): void {
  const other = openDatabase(join(dir, 'crm.db'));
  try {
    other.prepare(text).run(...params);
  } finally {
    other.close();
  }
}

describe('TenantRepository.get cache', () => {
  const tenant = (id = T1) => store.tenants.get(id);

  it('keeps the row, frozen, until the tenants table is written (repository, raw SQL, other connection)', () => {
    const first = tenant();
    expect(tenant()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    store.tenants.upsert(T1, { name: 'T1', locale: 'en-US', currency: 'USD' });
    expect(tenant()?.locale).toBe('en-US');
    sql("UPDATE tenants SET time_zone = 'America/Manaus' WHERE id = ?", T1);
    expect(tenant()?.time_zone).toBe('America/Manaus');
    otherConnection("UPDATE tenants SET currency = 'EUR' WHERE id = ?", T1);
    expect(tenant()?.currency).toBe('EUR');
    expect(tenant('t9')).toBeUndefined();
    sql("INSERT INTO tenants (id, name, locale, currency, created_at) VALUES ('t9', 'T9', 'pt-BR', 'BRL', 'x')");
    expect(tenant('t9')?.name).toBe('T9');
  });

  it('keeps tenants apart, and keeps nothing read inside a rolled-back transaction', () => {
    expect([tenant(T1)?.name, tenant(T2)?.name]).toEqual([T1, T2]);
    sql("UPDATE tenants SET name = 'Outro' WHERE id = ?", T2);
    expect([tenant(T1)?.name, tenant(T2)?.name]).toEqual([T1, 'Outro']);
    expect(() =>
      store.db.transaction(() => {
        sql("UPDATE tenants SET name = 'Rolled' WHERE id = ?", T1);
        expect(tenant(T1)?.name).toBe('Rolled');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(tenant(T1)?.name).toBe(T1);
  });
});

describe('CampaignRepository.get cache', () => {
  const campaign = (tenant = T1, id = 'camp') => store.crm.campaigns.get(tenant, id);

  it('keeps the row, frozen, until the campaigns table is written (repository, raw SQL, other connection)', () => {
    const first = campaign();
    expect(first?.name).toBe('Camp t1');
    expect(campaign()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    store.crm.campaigns.upsert(T1, { ...(first as NonNullable<typeof first>), budget: 250 });
    expect(campaign()?.budget).toBe(250);
    sql("UPDATE campaigns SET ended_at = '2026-02-01T00:00:00Z' WHERE tenant_id = ? AND id = 'camp'", T1);
    expect(campaign()?.ended_at).toBe('2026-02-01T00:00:00Z');
    otherConnection("UPDATE campaigns SET channel = 'email' WHERE tenant_id = ? AND id = 'camp'", T1);
    expect(campaign()?.channel).toBe('email');
    sql("DELETE FROM campaigns WHERE tenant_id = ? AND id = 'camp'", T1);
    expect(campaign()).toBeUndefined();
  });

  it('keeps tenants apart, and keeps nothing read inside a rolled-back transaction', () => {
    expect([campaign(T1)?.name, campaign(T2)?.name]).toEqual(['Camp t1', 'Camp t2']);
    sql("UPDATE campaigns SET name = 'Outra' WHERE tenant_id = ?", T2);
    expect([campaign(T1)?.name, campaign(T2)?.name]).toEqual(['Camp t1', 'Outra']);
    expect(() =>
      store.db.transaction(() => {
        sql('UPDATE campaigns SET budget = 1 WHERE tenant_id = ?', T1);
        expect(campaign(T1)?.budget).toBe(1);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(campaign(T1)?.budget).toBe(100);
  });
});
