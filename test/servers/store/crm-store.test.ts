import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/servers/store/crm-store.js';
import { openCrmStore } from '../../../src/servers/store/index.js';
import { migrate } from '../../../src/servers/store/migrate.js';
import { MIGRATIONS } from '../../../src/servers/store/migrations/index.js';
import { type Embedder, LocalEmbedder } from '../../../src/shared/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An embedder with another identity (and optionally dimension) than the default one. */
function otherEmbedder(dimensions = 512): Embedder & { calls: number } {
  const inner = new LocalEmbedder(dimensions);
  return {
    id: `test-embedder:${dimensions}`,
    dimensions,
    calls: 0,
    async embed(texts) {
      this.calls += 1;
      return inner.embed(texts);
    },
  };
}

describe('CrmStore', () => {
  it('applies every migration once, in order, and is a no-op the second time', () => {
    const db = openDatabase(join(dir, 'a.db'));
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(migrate(db)).toEqual([]);
    const rows = db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[];
    expect(rows.map((r) => r.id)).toEqual([
      '001-crm-core',
      '002-memory-graph',
      '003-fts-prefix-index',
      '004-tenant-time-zone',
      '005-tool-idempotency',
      '006-approved-offers',
      '007-error-logs',
      '008-leads-by-campaign',
    ]);
    db.close();
  });

  it('rolls back a failing migration and leaves it unrecorded', () => {
    const db = openDatabase(join(dir, 'b.db'));
    expect(() => migrate(db, [{ id: '900-bad', sql: 'CREATE TABLE ok_table (x); CREATE TABLE broken (' }])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok_table'").get()).toBeUndefined();
    expect(db.prepare("SELECT id FROM schema_migrations WHERE id = '900-bad'").get()).toBeUndefined();
    db.close();
  });

  it('opens with WAL, foreign keys and sqlite-vec, and keeps data across a reopen', async () => {
    const path = join(dir, 'crm.db');
    const store = await openCrmStore({ path });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.prepare('SELECT vec_version() AS v').get()).toMatchObject({ v: expect.stringMatching(/^v0\./) });
    store.tenants.upsert('t1', { name: 'Loja', locale: 'pt-BR', currency: 'BRL' });
    store.contacts.upsert('t1', { id: 'c1', name: 'Ana', tags: ['vip'] });
    store.close();
    store.close(); // idempotent

    const again = await openCrmStore({ path });
    expect(again.contacts.get('t1', 'c1')).toMatchObject({ name: 'Ana', tags: ['vip'] });
    expect(again.contacts.get('t2', 'c1')).toBeUndefined();
    again.close();
  });

  it('refuses rows of a tenant that does not exist (foreign keys are on)', async () => {
    const store = await openCrmStore({ path: ':memory:' });
    expect(() => store.contacts.upsert('nope', { id: 'c1', name: 'X' })).toThrow(/FOREIGN KEY/);
    store.close();
  });

  it('matches words with and without accents in the full-text index ("não" / "nao")', async () => {
    const store = await openCrmStore({ path: ':memory:' });
    store.tenants.upsert('t1', { name: 'T', locale: 'pt-BR', currency: 'BRL' });
    store.memories.insert('t1', {
      id: 'm1',
      memory_type: 'note',
      content: 'Cliente não gostou do preço',
      created_at: '2026-01-01T00:00:00Z',
    });
    expect(store.memories.keywordSearch('t1', '"nao"', {}, 5).map((h) => h.seq)).toHaveLength(1);
    expect(store.memories.keywordSearch('t1', '"preco"', {}, 5).map((h) => h.seq)).toHaveLength(1);
    expect(store.memories.keywordSearch('t2', '"nao"', {}, 5)).toEqual([]);
    store.close();
  });

  it('re-embeds every memory when the configured embedder changes, and only then', async () => {
    const path = join(dir, 'crm.db');
    const first = await openCrmStore({ path });
    first.tenants.upsert('t1', { name: 'T', locale: 'pt-BR', currency: 'BRL' });
    const [v] = await first.embedder.embed(['quer cancelar']);
    first.memories.insert(
      't1',
      { id: 'm1', memory_type: 'note', content: 'quer cancelar', created_at: '2026-01-01T00:00:00Z' },
      v,
      first.embedder.id,
    );
    first.memories.insert('t1', {
      id: 'm2',
      memory_type: 'note',
      content: 'sem vetor ainda',
      created_at: '2026-01-01T00:00:00Z',
    });
    first.close();

    const embedder = otherEmbedder();
    const second = await openCrmStore({ path, embedder });
    expect(embedder.calls).toBe(1);
    expect(second.memories.countPendingEmbedding(embedder.id)).toBe(0);
    expect(second.memories.getById('t1', 'm2')?.embedder_id).toBe(embedder.id);
    second.close();

    const third = await openCrmStore({ path, embedder });
    expect(embedder.calls).toBe(1); // nothing left to do
    third.close();

    // A different dimension recreates the vector table and re-embeds into it.
    const wide = otherEmbedder(256);
    const fourth = await openCrmStore({ path, embedder: wide });
    expect(fourth.vectorDimensions).toBe(256);
    expect(
      fourth.memories.nearest('t1', (await wide.embed(['quer cancelar']))[0] as Float32Array, 1)[0]?.score,
    ).toBeGreaterThan(0.99);
    fourth.close();
  });

  it('stores vectors in a plain table too, with the same answers', async () => {
    for (const kind of ['vec0', 'plain'] as const) {
      const store = await openCrmStore({ path: join(dir, `${kind}.db`), vectorIndex: kind });
      store.tenants.upsert('t1', { name: 'T', locale: 'pt-BR', currency: 'BRL' });
      store.tenants.upsert('t2', { name: 'T2', locale: 'pt-BR', currency: 'BRL' });
      const texts = ['quer cancelar a assinatura', 'comprou o plano pro', 'reclamou do preço'];
      const vectors = await store.embedder.embed(texts);
      texts.forEach((content, i) => {
        store.memories.insert(
          't1',
          { id: `m${i}`, memory_type: 'note', content, created_at: '2026-01-01T00:00:00Z' },
          vectors[i],
          store.embedder.id,
        );
        store.memories.insert(
          't2',
          { id: `m${i}`, memory_type: 'note', content, created_at: '2026-01-01T00:00:00Z' },
          vectors[i],
          store.embedder.id,
        );
      });
      const [query] = await store.embedder.embed(['cancelar assinatura']);
      const hits = store.memories.nearest('t1', query as Float32Array, 3);
      expect(store.vectorIndexKind).toBe(kind);
      expect(hits).toHaveLength(3);
      expect(store.memories.getBySeqs('t1', [hits[0]?.seq as number]).get(hits[0]?.seq as number)?.id).toBe('m0');
      store.close();
    }
  });
});
