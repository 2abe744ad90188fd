import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/agents/model/index.js';
import { SqliteSessionStore } from '../../../src/agents/sessions/index.js';
import { sessionStoreContract } from './session-store.contract.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');

sessionStoreContract('SqliteSessionStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-sessions-'));
  const stores: SqliteSessionStore[] = [];
  return {
    // Each store opens its own connection to the file: two stores are two processes' worth of access.
    open: (options = {}) => {
      const store = new SqliteSessionStore({
        path: join(dir, 'nested', 'sessions.db'),
        retentionMs: options.retentionMs ?? Number.POSITIVE_INFINITY,
      });
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of stores) store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

let dir: string;
const stores: SqliteSessionStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-sessions-'));
});
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(path: string, retentionMs = Number.POSITIVE_INFINITY): SqliteSessionStore {
  const store = new SqliteSessionStore({ path, retentionMs });
  stores.push(store);
  return store;
}

const key = { tenantId: 't', contactId: 'c', sessionId: 's' };

describe('SqliteSessionStore on disk', () => {
  it('keeps sessions across a process restart (written by a child process, read here)', async () => {
    const path = join(dir, 'sessions.db');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/agents/sessions/write-session.ts', path], {
      cwd: ROOT,
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe('saved');

    // The fixture's timestamps are from 2023: keep them past the default 30-day retention.
    const store = open(path);
    const loaded = await store.load({ tenantId: 'tenant-a', contactId: 'contact-1', sessionId: 'session-1' });
    expect(loaded?.state).toEqual({ plan: 'pro', nested: { score: 0.8 } });
    expect(loaded?.history).toHaveLength(4);
    expect(loaded?.history[1]?.content[0]).toEqual({
      type: 'tool_use',
      id: 't1',
      name: 'churn_risk',
      input: { contact: 'c1' },
    });
    expect(loaded?.history[0]?.content[0]).toEqual({ type: 'text', text: 'Olá, quero cancelar' });
    expect(loaded).toMatchObject({ createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_500 });
    // Another tenant cannot see it.
    expect(await store.load({ tenantId: 'tenant-b', contactId: 'contact-1', sessionId: 'session-1' })).toBeUndefined();
  });

  it('opens in WAL mode with one row per exchange, migrating once', () => {
    const path = join(dir, 'sessions.db');
    new SqliteSessionStore({ path }).close();
    new SqliteSessionStore({ path }).close(); // a second open finds the schema current
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(5);
      const columns = (table: string) =>
        (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map(
          (c) => c.name,
        );
      expect(columns('agent_sessions')).toEqual([
        'tenant_id',
        'contact_id',
        'session_id',
        'state',
        'created_at',
        'updated_at',
        'next_seq',
        'generation',
        'version',
        'kept_from',
      ]);
      expect(columns('agent_session_exchanges')).toEqual([
        'tenant_id',
        'session_id',
        'seq',
        'message_count',
        'starts_exchange',
        'messages',
      ]);
    } finally {
      db.close();
    }
  });

  it('moves histories stored whole by an older version into exchange rows, then appends after them', async () => {
    const path = join(dir, 'sessions.db');
    const history: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'Olá' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'churn_risk', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', toolName: 'churn_risk', content: 'high' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Posso oferecer 20%.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Aceito' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Feito!' }] },
    ];
    // The schema of version 2 (one JSON column with the whole history), written as that version did.
    const old = new Database(path);
    old.exec(`CREATE TABLE agent_sessions (tenant_id TEXT NOT NULL, contact_id TEXT NOT NULL, session_id TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT '{}', history TEXT NOT NULL DEFAULT '[]', created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL, PRIMARY KEY (tenant_id, session_id));
      CREATE INDEX agent_sessions_contact ON agent_sessions (tenant_id, contact_id, updated_at DESC);
      CREATE INDEX agent_sessions_updated ON agent_sessions (updated_at);
      PRAGMA user_version = 2;`);
    const insert = old.prepare('INSERT INTO agent_sessions VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('t', 'c', 's', '{"plan":"pro"}', JSON.stringify(history), 1_000, 2_000);
    insert.run('t', 'c', 'broken', '{}', '{not json', 1_000, 2_000);
    old.close();

    const store = open(path);
    const loaded = await store.load(key);
    expect(loaded).toMatchObject({ state: { plan: 'pro' }, history, createdAt: 1_000, updatedAt: 2_000 });
    // Split into its two exchanges; a 5-message window would start at the tool_result, so it moves on.
    const rows = new Database(path, { readonly: true });
    expect(rows.prepare('SELECT seq, message_count, starts_exchange FROM agent_session_exchanges').all()).toEqual([
      { seq: 0, message_count: 4, starts_exchange: 1 },
      { seq: 4, message_count: 2, starts_exchange: 1 },
    ]);
    rows.close();
    expect((await store.load(key, { historyWindow: 5 }))?.history).toEqual(history.slice(4));
    expect((await store.load(key, { historyWindow: 6 }))?.history).toEqual(history);
    await store.append({ ...key, state: {}, createdAt: 1_000, updatedAt: 3_000 }, [history[0] as Message]);
    expect((await store.load(key))?.history).toEqual([...history, history[0]]);
    // An unreadable old history is dropped, not fatal for the whole file.
    expect((await store.load({ ...key, sessionId: 'broken' }))?.history).toEqual([]);
  });

  it('reports a corrupted row as a typed session_corrupt error', async () => {
    const path = join(dir, 'sessions.db');
    const store = open(path);
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ]);
    const db = new Database(path);
    db.prepare("UPDATE agent_session_exchanges SET messages = '{not json' WHERE session_id = 's'").run();
    db.close();
    await expect(store.load(key)).rejects.toMatchObject({ code: 'session_corrupt' });
  });

  it('reads rows another connection rewrote after this store last loaded them (nothing stale is reused)', async () => {
    const path = join(dir, 'sessions.db');
    const store = open(path);
    const say = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [say('one')]);
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 2 }, [say('two')]);
    expect((await store.load(key, { historyWindow: 40 }))?.history).toEqual([say('one'), say('two')]);
    // Another process deletes the session and writes one of the same length and numbering.
    const other = open(path);
    await other.delete(key);
    await other.append({ ...key, state: {}, createdAt: 1, updatedAt: 2 }, [say('uno')]);
    await other.append({ ...key, state: {}, createdAt: 1, updatedAt: 2 }, [say('two')]);
    expect((await store.load(key, { historyWindow: 40 }))?.history).toEqual([say('uno'), say('two')]);
    expect((await store.load(key, { historyWindow: 1 }))?.history).toEqual([say('two')]);
  });

  it('deletes sessions untouched for longer than the retention window on open', async () => {
    const path = join(dir, 'retention.db');
    const now = Date.now();
    const first = new SqliteSessionStore({ path, retentionMs: Number.POSITIVE_INFINITY });
    const stale = { ...key, sessionId: 'stale', state: {}, createdAt: now - 10 * 86_400_000 };
    await first.append({ ...stale, updatedAt: stale.createdAt }, []);
    await first.append({ ...key, sessionId: 'fresh', state: {}, createdAt: now - 1_000, updatedAt: now - 1_000 }, []);
    first.close();

    const second = open(path, 7 * 86_400_000);
    expect((await second.list('t')).map((k) => k.sessionId)).toEqual(['fresh']);
  });
});

describe('Runner with SqliteSessionStore', () => {
  it('continues a conversation after the store (and runner) are reopened', async () => {
    const { LlmAgent, Runner } = await import('../../../src/agents/runtime/index.js');
    const { ScriptedModel } = await import('../../support/scripted-model.js');
    const path = join(dir, 'sessions.db');
    const model = new ScriptedModel((request) => `I have seen ${request.messages.length} messages`);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'i', model });

    const first = new SqliteSessionStore({ path });
    await new Runner({ sessions: first }).execute(agent, { ...key, message: 'first', stateDelta: { lang: 'pt' } });
    first.close();

    const second = open(path);
    const result = await new Runner({ sessions: second }).execute(agent, { ...key, message: 'second' });
    expect(result.text).toBe('I have seen 3 messages');
    expect(result.state).toEqual({ lang: 'pt' });
  });
});
