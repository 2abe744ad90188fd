import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore, openDatabase } from '../../../src/servers/store/crm-store.js';

// `readOnlyBatch` is `readBatch` in one read transaction: one snapshot and one WAL lock for its
// statements. Its caches still keep what they read (committed data), a commit of another connection
// during it is seen by the next call, and nested in a transaction it simply runs in it. A kept row
// comes back as the same (frozen) object, a re-read as a new one — identity shows a hit.

const T1 = 't1';

let dir: string;
let store: CrmStore;
let other: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-read-only-batch-'));
  store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
  store.tenants.upsert(T1, { name: T1, locale: 'pt-BR', currency: 'BRL' });
  store.contacts.upsert(T1, { id: 'c1', name: 'Ana' });
  other = openDatabase(join(dir, 'crm.db'));
});
afterEach(() => {
  other.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = () => store.contacts.get(T1, 'c1');
const renameElsewhere = (name: string) =>
  other.prepare("UPDATE contacts SET name = ? WHERE tenant_id = ? AND id = 'c1'").run(name, T1);

describe('CrmStore.readOnlyBatch', () => {
  it('runs in one read transaction and ends it', () => {
    expect(store.readOnlyBatch(() => store.db.inTransaction)).toBe(true);
    expect(store.db.inTransaction).toBe(false);
    expect(() =>
      store.readOnlyBatch(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.db.inTransaction).toBe(false);
  });

  it('reads one snapshot; another connection’s commit is seen by the next call', () => {
    store.readOnlyBatch(() => {
      expect(get()?.name).toBe('Ana');
      renameElsewhere('Elsewhere');
      expect(get()?.name).toBe('Ana');
    });
    expect(get()?.name).toBe('Elsewhere');
  });

  it('keeps what it reads for later reads (committed data)', () => {
    const inside = store.readOnlyBatch(() => get());
    expect(get()).toBe(inside);
    renameElsewhere('Elsewhere');
    expect(get()?.name).toBe('Elsewhere');
  });

  it('nested in a transaction, runs in it (and keeps nothing read there)', () => {
    expect(() =>
      store.db.transaction(() => {
        store.contacts.upsert(T1, { id: 'c1', name: 'Inside' });
        expect(store.readOnlyBatch(() => get())?.name).toBe('Inside');
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    expect(store.db.inTransaction).toBe(false);
    expect(get()?.name).toBe('Ana');
  });
});
