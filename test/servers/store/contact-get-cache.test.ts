import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore, openDatabase } from '../../../src/servers/store/crm-store.js';

// `contacts.get` keeps each row until the contacts table is written: a kept row comes back as the
// same (frozen) object, a re-read as a new one — identity shows a hit.

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
    sql(
      "INSERT INTO contacts (tenant_id, id, name, created_at, updated_at) VALUES (?, 'c9', 'Caio', 'x', 'x')",
      T1,
    );
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
