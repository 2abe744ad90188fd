import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSession,
  InMemorySessionStore,
  type SessionStore,
  SqliteSessionStore,
} from '../../../src/agents/sessions/index.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');

let dir: string;
const stores: SessionStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-sessions-'));
});
afterEach(() => {
  for (const store of stores.splice(0)) store.close?.();
  rmSync(dir, { recursive: true, force: true });
});

const factories: Array<[string, () => SessionStore]> = [
  ['InMemorySessionStore', () => new InMemorySessionStore()],
  ['SqliteSessionStore', () => new SqliteSessionStore({ path: join(dir, 'nested', 'sessions.db') })],
];

describe.each(factories)('%s', (_name, make) => {
  const open = () => {
    const store = make();
    stores.push(store);
    return store;
  };

  it('saves and loads a session, without temp: keys', async () => {
    const store = open();
    const session = createSession({ tenantId: 't', contactId: 'c', sessionId: 's' }, 1000);
    session.state = { plan: 'pro', 'temp:x': 1 };
    session.history.push({ role: 'user', content: [{ type: 'text', text: 'hi' }] });
    await store.save(session);
    const loaded = await store.load({ tenantId: 't', contactId: 'c', sessionId: 's' });
    expect(loaded).toEqual({ ...session, state: { plan: 'pro' } });
    // What was saved does not change when the caller keeps mutating its object.
    session.state.plan = 'basic';
    expect((await store.load(session))?.state.plan).toBe('pro');
  });

  it('updates in place, lists per tenant and contact (most recent first), and deletes', async () => {
    const store = open();
    const a = createSession({ tenantId: 't', contactId: 'c1', sessionId: 'a' }, 1);
    const b = createSession({ tenantId: 't', contactId: 'c2', sessionId: 'b' }, 2);
    const other = createSession({ tenantId: 'other', contactId: 'c1', sessionId: 'a' }, 3);
    await store.save(a);
    await store.save(b);
    await store.save(other);
    a.updatedAt = 10;
    a.state.n = 2;
    await store.save(a);
    expect(await store.list('t')).toEqual([
      { tenantId: 't', contactId: 'c1', sessionId: 'a' },
      { tenantId: 't', contactId: 'c2', sessionId: 'b' },
    ]);
    expect(await store.list('t', 'c2')).toEqual([{ tenantId: 't', contactId: 'c2', sessionId: 'b' }]);
    expect((await store.load(a))?.state).toEqual({ n: 2 });
    await store.delete(a);
    expect(await store.load(a)).toBeUndefined();
    expect(await store.load(other)).toBeDefined();
  });
});

describe('SqliteSessionStore on disk', () => {
  it('keeps sessions across a process restart (written by a child process, read here)', async () => {
    const path = join(dir, 'sessions.db');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/agents/sessions/write-session.ts', path], {
      cwd: ROOT,
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe('saved');

    // The fixture's timestamps are from 2023: keep them past the default 30-day retention.
    const store = new SqliteSessionStore({ path, retentionMs: Number.POSITIVE_INFINITY });
    stores.push(store);
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

  it('opens in WAL mode with the agent_sessions schema, migrating once', () => {
    const path = join(dir, 'sessions.db');
    new SqliteSessionStore({ path }).close();
    new SqliteSessionStore({ path }).close(); // a second open finds the schema current
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      const columns = db.prepare("SELECT name FROM pragma_table_info('agent_sessions')").all() as Array<{
        name: string;
      }>;
      expect(columns.map((c) => c.name)).toEqual([
        'tenant_id',
        'contact_id',
        'session_id',
        'state',
        'history',
        'created_at',
        'updated_at',
      ]);
    } finally {
      db.close();
    }
  });

  it('reports a corrupted row as a typed session_corrupt error', async () => {
    const path = join(dir, 'sessions.db');
    const store = new SqliteSessionStore({ path });
    stores.push(store);
    await store.save(createSession({ tenantId: 't', contactId: 'c', sessionId: 's' }));
    const db = new Database(path);
    db.prepare("UPDATE agent_sessions SET history = '{not json' WHERE session_id = 's'").run();
    db.close();
    await expect(store.load({ tenantId: 't', contactId: 'c', sessionId: 's' })).rejects.toMatchObject({
      code: 'session_corrupt',
    });
  });
});

describe('Runner with SqliteSessionStore', () => {
  it('continues a conversation after the store (and runner) are reopened', async () => {
    const { LlmAgent, Runner } = await import('../../../src/agents/runtime/index.js');
    const { ScriptedModel } = await import('../../support/scripted-model.js');
    const path = join(dir, 'sessions.db');
    const model = new ScriptedModel((request) => `I have seen ${request.messages.length} messages`);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'i', model });
    const key = { tenantId: 't', contactId: 'c', sessionId: 's' };

    const first = new SqliteSessionStore({ path });
    await new Runner({ sessions: first }).execute(agent, { ...key, message: 'first', stateDelta: { lang: 'pt' } });
    first.close();

    const second = new SqliteSessionStore({ path });
    stores.push(second);
    const result = await new Runner({ sessions: second }).execute(agent, { ...key, message: 'second' });
    expect(result.text).toBe('I have seen 3 messages');
    expect(result.state).toEqual({ lang: 'pt' });
  });
});

describe('SqliteSessionStore retention', () => {
  it('deletes sessions untouched for longer than the retention window, on open and on prune()', async () => {
    const path = join(dir, 'retention.db');
    const now = Date.now();
    const first = new SqliteSessionStore({ path, retentionMs: Number.POSITIVE_INFINITY });
    await first.save(createSession({ tenantId: 't', contactId: 'c', sessionId: 'stale' }, now - 10 * 86_400_000));
    await first.save(createSession({ tenantId: 't', contactId: 'c', sessionId: 'fresh' }, now - 1_000));
    first.close();

    const second = new SqliteSessionStore({ path, retentionMs: 7 * 86_400_000 });
    expect((await second.list('t')).map((k) => k.sessionId)).toEqual(['fresh']);
    expect(second.prune(now + 7 * 86_400_000)).toBe(1);
    expect(await second.list('t')).toEqual([]);
    second.close();
  });
});
