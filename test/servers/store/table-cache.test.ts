import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore, openDatabase } from '../../../src/servers/store/crm-store.js';

const TENANT = 't1';

let dir: string;
let store: CrmStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-table-cache-'));
  store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
  store.tenants.upsert(TENANT, { name: 'T', locale: 'pt-BR', currency: 'BRL' });
  store.contacts.upsert(TENANT, { id: 'c1', name: 'Ana' });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CrmStore.tableCache', () => {
  it('keeps a value until a statement of any kind writes one of its tables', () => {
    const cache = store.tableCache<string>(['contacts'], 10);
    let loads = 0;
    const name = () =>
      cache.read('c1', () => {
        loads++;
        return store.contacts.get(TENANT, 'c1')?.name ?? '';
      });
    expect(name()).toBe('Ana');
    expect(name()).toBe('Ana');
    expect(loads).toBe(1);
    // A write of another table leaves it.
    store.db
      .prepare(
        "INSERT INTO tickets (tenant_id, id, contact_id, subject, description, category, priority, severity, status, created_at, updated_at) VALUES (?, 'k1', 'c1', 's', 'd', 'technical', 'low', 1, 'open', 'x', 'x')",
      )
      .run(TENANT);
    expect(name()).toBe('Ana');
    expect(loads).toBe(1);
    // Raw SQL (no repository) is seen: insert, update and delete.
    store.db.prepare("UPDATE contacts SET name = 'Bia' WHERE id = 'c1'").run();
    expect(name()).toBe('Bia');
    store.db
      .prepare("INSERT INTO contacts (tenant_id, id, name, created_at, updated_at) VALUES (?, 'c2', 'Caio', 'x', 'x')")
      .run(TENANT);
    name();
    store.db.prepare("DELETE FROM contacts WHERE id = 'c2'").run();
    name();
    expect(loads).toBe(4);
  });

  it("sees another connection's commit", () => {
    const cache = store.tableCache<string>(['contacts'], 10);
    const name = () => cache.read('c1', () => store.contacts.get(TENANT, 'c1')?.name ?? '');
    expect(name()).toBe('Ana');
    const other = openDatabase(join(dir, 'crm.db'));
    try {
      other.prepare("UPDATE contacts SET name = 'Bia' WHERE id = 'c1'").run();
    } finally {
      other.close();
    }
    expect(name()).toBe('Bia');
  });

  it('keeps nothing read inside a transaction', () => {
    const cache = store.tableCache<string>(['contacts'], 10);
    let loads = 0;
    const name = () =>
      cache.read('c1', () => {
        loads++;
        return store.contacts.get(TENANT, 'c1')?.name ?? '';
      });
    store.db.transaction(() => {
      expect(name()).toBe('Ana');
      expect(name()).toBe('Ana');
    })();
    expect(loads).toBe(2);
  });

  it('freezes what it keeps', () => {
    const cache = store.tableCache<{ tags: string[] }>(['contacts'], 10);
    const value = cache.read('k', () => ({ tags: ['a'] }));
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.tags)).toBe(true);
  });
});

describe('CrmStore.contactCache', () => {
  const ticket = (id: string, contact: string, verb = 'INSERT') =>
    store.db
      .prepare(
        `${verb} INTO tickets (tenant_id, id, contact_id, subject, description, category, priority, severity, status,
           created_at, updated_at) VALUES (?, ?, ?, 's', 'd', 'complaint', 'low', 1, 'open', 'x', 'x')`,
      )
      .run(TENANT, id, contact);

  /** A cache of each contact's open ticket count, and how many times it read SQLite. */
  function openTickets() {
    const cache = store.contactCache<number>(['tickets'], 10);
    const loads: string[] = [];
    const read = (contact: string) =>
      cache.read(TENANT, contact, () => {
        loads.push(contact);
        return store.activity.of(TENANT, contact).openTickets;
      });
    return { read, loads };
  }

  beforeEach(() => {
    store.contacts.upsert(TENANT, { id: 'c2', name: 'Bia' });
  });

  it("keeps a contact's value through another contact's writes, not through its own", () => {
    const { read, loads } = openTickets();
    expect([read('c1'), read('c2')]).toEqual([0, 0]);
    ticket('k1', 'c2');
    expect([read('c1'), read('c2')]).toEqual([0, 1]);
    expect(loads).toEqual(['c1', 'c2', 'c2']);
    store.db.prepare("UPDATE tickets SET status = 'resolved' WHERE id = 'k1'").run();
    expect([read('c1'), read('c2')]).toEqual([0, 0]);
    expect(loads).toEqual(['c1', 'c2', 'c2', 'c2']);
  });

  it('sees a row move between contacts: by UPDATE, by INSERT OR REPLACE, and gone by DELETE', () => {
    const { read } = openTickets();
    ticket('k1', 'c1');
    expect([read('c1'), read('c2')]).toEqual([1, 0]);
    store.db.prepare("UPDATE tickets SET contact_id = 'c2' WHERE id = 'k1'").run();
    expect([read('c1'), read('c2')]).toEqual([0, 1]);
    // SQLite deletes the replaced row without a delete trigger: its contact must still be seen.
    ticket('k1', 'c1', 'INSERT OR REPLACE');
    expect([read('c1'), read('c2')]).toEqual([1, 0]);
    store.db.prepare("DELETE FROM tickets WHERE id = 'k1'").run();
    expect([read('c1'), read('c2')]).toEqual([0, 0]);
  });

  it('keeps tenants apart', () => {
    store.tenants.upsert('t2', { name: 'T2', locale: 'pt-BR', currency: 'BRL' });
    store.contacts.upsert('t2', { id: 'c1', name: 'Outra Ana' });
    const cache = store.contactCache<number>(['tickets'], 10);
    const read = (tenant: string) => cache.read(tenant, 'c1', () => store.activity.of(tenant, 'c1').openTickets);
    expect([read(TENANT), read('t2')]).toEqual([0, 0]);
    ticket('k1', 'c1');
    expect([read(TENANT), read('t2')]).toEqual([1, 0]);
  });
});
