import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore, openDatabase } from '../../../src/servers/store/crm-store.js';

// `readBatch` pins the check for other connections' commits (PRAGMA data_version) — but only until
// this connection writes, and never inside a transaction: a tool handler that reads, writes and reads
// again must see what changed before its write. A kept row comes back as the same (frozen) object, a
// re-read as a new one — identity shows a hit.

const T1 = 't1';
const T2 = 't2';

let dir: string;
let store: CrmStore;
let other: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-read-batch-'));
  store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
  for (const tenant of [T1, T2]) {
    store.tenants.upsert(tenant, { name: tenant, locale: 'pt-BR', currency: 'BRL' });
    store.contacts.upsert(tenant, { id: 'c1', name: `Ana ${tenant}` });
  }
  other = openDatabase(join(dir, 'crm.db'));
});
afterEach(() => {
  other.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (tenant: string) => store.contacts.get(tenant, 'c1');
const sql = (text: string, ...params: unknown[]) => store.db.prepare(text).run(...params);
const renameElsewhere = (tenant: string, name: string) =>
  other.prepare("UPDATE contacts SET name = ? WHERE tenant_id = ? AND id = 'c1'").run(name, tenant);

describe('CrmStore.readBatch', () => {
  it('shares one check until the batch ends (another connection is seen by the next batch)', () => {
    store.readBatch(() => {
      const first = get(T1);
      renameElsewhere(T1, 'Elsewhere');
      expect(get(T1)).toBe(first);
    });
    expect(get(T1)?.name).toBe('Elsewhere');
  });

  it('checks again after a repository write of this connection, to any tracked table', () => {
    store.readBatch(() => {
      get(T1);
      get(T2);
      renameElsewhere(T2, 'Elsewhere');
      store.crm.tickets.create(T1, { contact_id: 'c1', subject: 's', description: 'd' });
      // The write touched tickets, not contacts: only the fresh check shows the other commit.
      expect(get(T2)?.name).toBe('Elsewhere');
      expect(get(T1)?.name).toBe('Ana t1');
    });
  });

  it('checks again after raw SQL of this connection (insert, update, delete)', () => {
    const writes = [
      () =>
        sql(
          "INSERT INTO tickets (tenant_id, id, contact_id, subject, description, created_at, updated_at) VALUES (?, 'k1', 'c1', 's', 'd', 'x', 'x')",
          T1,
        ),
      () => sql("UPDATE tickets SET status = 'resolved' WHERE tenant_id = ? AND id = 'k1'", T1),
      () => sql("DELETE FROM tickets WHERE tenant_id = ? AND id = 'k1'", T1),
    ];
    writes.forEach((write, i) => {
      store.readBatch(() => {
        const before = get(T1);
        renameElsewhere(T1, `Elsewhere ${i}`);
        expect(get(T1)).toBe(before);
        write();
        expect(get(T1)?.name).toBe(`Elsewhere ${i}`);
      });
    });
  });

  it('sees its own writes of the cached table inside the batch', () => {
    store.readBatch(() => {
      expect(get(T1)?.name).toBe('Ana t1');
      sql("UPDATE contacts SET name = 'Raw' WHERE tenant_id = ? AND id = 'c1'", T1);
      expect(get(T1)?.name).toBe('Raw');
      store.contacts.upsert(T1, { id: 'c1', name: 'Repo' });
      expect(get(T1)?.name).toBe('Repo');
      // The other tenant's row is still kept.
      expect(get(T2)).toBe(get(T2));
    });
  });

  it('pins again after the write: reads between two writes share one check', () => {
    store.readBatch(() => {
      get(T1);
      sql(
        "INSERT INTO tickets (tenant_id, id, contact_id, subject, description, created_at, updated_at) VALUES (?, 'k2', 'c1', 's', 'd', 'x', 'x')",
        T1,
      );
      const after = get(T1);
      renameElsewhere(T1, 'Elsewhere');
      expect(get(T1)).toBe(after);
    });
    expect(get(T1)?.name).toBe('Elsewhere');
  });

  it('checks every read inside a transaction, whose snapshot may be newer than the pinned check', () => {
    store.readBatch(() => {
      const first = get(T1);
      renameElsewhere(T1, 'Elsewhere');
      expect(get(T1)).toBe(first);
      store.db.transaction(() => {
        expect(get(T1)?.name).toBe('Elsewhere');
      })();
    });
  });

  it('keeps nothing read inside a rolled-back transaction of the batch', () => {
    store.readBatch(() => {
      get(T1);
      store.db.exec('BEGIN');
      sql("UPDATE contacts SET name = 'Gone' WHERE tenant_id = ? AND id = 'c1'", T1);
      expect(get(T1)?.name).toBe('Gone');
      store.db.exec('ROLLBACK');
      expect(get(T1)?.name).toBe('Ana t1');
    });
    expect(get(T1)?.name).toBe('Ana t1');
  });
});
