import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LlmAgent, Runner } from '../../../src/agents/runtime/index.js';
import {
  openSessionStore,
  PgSessionStore,
  type SessionStore,
  SqliteSessionStore,
} from '../../../src/agents/sessions/index.js';
import { freshSchema, type TestSchema } from '../../support/postgres.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { sessionStoreContract } from './session-store.contract.js';

sessionStoreContract('PgSessionStore', async () => {
  const schema = await freshSchema('sessions');
  const stores: PgSessionStore[] = [];
  return {
    open: (options = {}) => {
      // Each store opens its own small pool: two stores are two instances.
      const store = new PgSessionStore({
        url: schema.url,
        retentionMs: options.retentionMs ?? Number.POSITIVE_INFINITY,
        poolOptions: { max: 3 },
      });
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(stores.map((s) => s.close()));
      await schema.drop();
    },
  };
});

describe('PgSessionStore', () => {
  let schema: TestSchema | undefined;
  const stores: SessionStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close?.()));
    await schema?.drop();
    schema = undefined;
  });

  it('migrates once when several instances start together, recording the version', async () => {
    schema = await freshSchema('sessions_mig');
    const url = schema.url;
    const instances = Array.from({ length: 4 }, () => new PgSessionStore({ url, poolOptions: { max: 2 } }));
    stores.push(...instances);
    const key = { tenantId: 't', contactId: 'c', sessionId: 's' };
    const now = Date.now();
    await Promise.all(
      instances.map((store, i) => store.append({ ...key, state: { i }, createdAt: now, updatedAt: now }, [])),
    );
    const { rows } = await schema.query('SELECT component, version FROM ventros_migrations ORDER BY version');
    expect(rows).toEqual([{ component: 'sessions', version: 1 }]);
    expect(await instances[0]?.list('t')).toEqual([key]);
  });

  it('reports a corrupted row as a typed session_corrupt error', async () => {
    schema = await freshSchema('sessions_bad');
    const store = new PgSessionStore({ url: schema.url, retentionMs: Number.POSITIVE_INFINITY });
    stores.push(store);
    const key = { tenantId: 't', contactId: 'c', sessionId: 's' };
    await store.append({ ...key, state: {}, createdAt: 1, updatedAt: 1 }, [
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ]);
    await schema.query(`UPDATE agent_session_exchanges SET messages = '[{"role":"robot"}]'`);
    await expect(store.load(key)).rejects.toMatchObject({ code: 'session_corrupt' });
  });

  it('fails every call with a typed error when the database is unreachable', async () => {
    const store = new PgSessionStore({
      url: 'postgres://postgres@127.0.0.1:1/nowhere',
      poolOptions: { connectTimeoutMs: 2_000 },
    });
    stores.push(store);
    await expect(store.load({ tenantId: 't', contactId: 'c', sessionId: 's' })).rejects.toMatchObject({
      code: 'unavailable',
    });
  });

  it('carries a conversation across two instances sharing the database (two runners, two pools)', async () => {
    schema = await freshSchema('sessions_runner');
    const first = new PgSessionStore({ url: schema.url });
    const second = new PgSessionStore({ url: schema.url });
    stores.push(first, second);
    const model = new ScriptedModel((request) => `I have seen ${request.messages.length} messages`);
    const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'i', model });
    const key = { tenantId: 't', contactId: 'c', sessionId: 's' };
    await new Runner({ sessions: first }).execute(agent, { ...key, message: 'first', stateDelta: { lang: 'pt' } });
    const result = await new Runner({ sessions: second }).execute(agent, { ...key, message: 'second' });
    expect(result.text).toBe('I have seen 3 messages');
    expect(result.state).toEqual({ lang: 'pt' });
  });

  it('is what openSessionStore returns for a postgres:// DATABASE_URL; SQLite in the data dir otherwise', async () => {
    schema = await freshSchema('sessions_open');
    const dir = mkdtempSync(join(tmpdir(), 'ventros-open-'));
    try {
      const pgStore = openSessionStore({ DATABASE_URL: schema.url, VENTROS_DATA_DIR: dir });
      const sqlite = openSessionStore({ DATABASE_URL: undefined, VENTROS_DATA_DIR: dir });
      stores.push(pgStore, sqlite);
      expect(pgStore).toBeInstanceOf(PgSessionStore);
      expect(sqlite).toBeInstanceOf(SqliteSessionStore);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
