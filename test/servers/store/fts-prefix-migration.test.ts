import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toFtsTerms } from '../../../src/servers/memory/local/fts-query.js';
import { openDatabase } from '../../../src/servers/store/crm-store.js';
import { FTS_PREFIX_LENGTHS, openCrmStore } from '../../../src/servers/store/index.js';
import { migrate } from '../../../src/servers/store/migrate.js';
import { MIGRATIONS } from '../../../src/servers/store/migrations/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-fts-prefix-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CONTENTS = [
  'Cliente não consegue emitir nota fiscal, erro de certificado',
  'Pediu o cancelamento do plano por causa do preço',
  'Quer integração com marketplace e WhatsApp',
  'Reclamou da lentidão nos relatórios fiscais',
];

const count = (db: ReturnType<typeof openDatabase>, match: string) =>
  db.prepare('SELECT count(*) FROM memories_fts WHERE memories_fts MATCH ?').pluck().get(match) as number;

describe('migration 003: FTS prefix index', () => {
  it('rebuilds the full-text index of an existing store with a prefix index and the same matches', () => {
    const path = join(dir, 'crm.db');
    const db = openDatabase(path);
    // A store as it was before migration 003, with memories in it.
    migrate(
      db,
      MIGRATIONS.filter((m) => m.id < '003'),
    );
    db.prepare("INSERT INTO tenants (id, name, created_at) VALUES ('t1', 'T', '2026-01-01')").run();
    const insert = db.prepare(
      "INSERT INTO memories (tenant_id, id, memory_type, content, created_at) VALUES ('t1', ?, 'note', ?, '2026-01-01')",
    );
    CONTENTS.forEach((content, i) => {
      insert.run(`m${i}`, content);
    });
    const queries = ['"fisc"*', '"nota"', '"cance"*', '"integr"*', '"relato"*', '"nao"'];
    const before = queries.map((q) => count(db, q));

    expect(migrate(db)).toEqual(['003-fts-prefix-index', '004-tenant-time-zone', '005-approved-offers']);
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'memories_fts'").pluck().get() as string;
    expect(sql).toMatch(/prefix = '4 5 6'/);
    expect(queries.map((q) => count(db, q))).toEqual(before);
    expect(before).toEqual([2, 1, 1, 1, 1, 1]);
    db.close();
  });

  it('keeps the rebuilt index in sync on insert, update and delete (the triggers of 002 still fire)', async () => {
    const store = await openCrmStore({ path: join(dir, 'crm.db') });
    store.tenants.upsert('t1', { name: 'T', locale: 'pt-BR', currency: 'BRL' });
    store.memories.insert('t1', {
      id: 'a',
      memory_type: 'note',
      content: CONTENTS[0] as string,
      created_at: '2026-01-01',
    });
    expect(count(store.db, '"certif"*')).toBe(1);
    store.db.prepare("UPDATE memories SET content = 'sem certificado agora: boleto atrasado' WHERE id = 'a'").run();
    expect(count(store.db, '"fisc"*')).toBe(0);
    expect(count(store.db, '"bolet"*')).toBe(1);
    store.db.prepare("DELETE FROM memories WHERE id = 'a'").run();
    expect(count(store.db, '"bolet"*')).toBe(0);
    // FTS5 raises SQLITE_CORRUPT_VTAB when the index and the content table disagree.
    expect(() =>
      store.db.prepare("INSERT INTO memories_fts (memories_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
    store.close();
  });

  it('makes query stems only of the prefix lengths the index holds', () => {
    const terms = toFtsTerms('cancelamento integração certificado preço fiscal marketplace não nota WhatsApp');
    for (const term of terms.filter((t) => t.prefix)) expect(FTS_PREFIX_LENGTHS).toContain(term.text.length);
    expect(terms.map((t) => `${t.text}${t.prefix ? '*' : ''}`)).toEqual([
      'cancel*',
      'integr*',
      'certif*',
      'prec*',
      'fisc*',
      'market*',
      'nao',
      'nota',
      'whats*',
    ]);
  });
});
