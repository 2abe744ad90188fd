import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdempotencyStore, OnceRunner } from '../../../src/servers/framework/index.js';
import { createServerByName, openServerDeps, type ServerDeps } from '../../../src/servers/registry.js';
import { seedDemoData } from '../../../src/servers/seed/index.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';
import { loadEnv } from '../../../src/shared/index.js';
import { callTool, ok } from './harness.js';

// A writing tool's last write and its idempotency record are one transaction: kept or lost together
// (a crash between two commits kept the write and lost the record, and the retry wrote again).

const TENANT = 'tenant-demo';
const CONTACT = 'contact-carlos';

let store: CrmStore;
let deps: ServerDeps & AsyncDisposable;
const clients: Client[] = [];

const tasks = () =>
  (
    store.db.prepare('SELECT count(*) AS n FROM tasks WHERE tenant_id = ? AND contact_id = ?').get(TENANT, CONTACT) as {
      n: number;
    }
  ).n;
const task = (title: string) =>
  store.crm.tasks.create(TENANT, { title, due_at: '2026-12-01T00:00:00Z', contact_id: CONTACT });

beforeAll(async () => {
  store = await openCrmStore({ path: ':memory:' });
  await seedDemoData(store);
  deps = await openServerDeps(loadEnv({ VENTROS_DATA_DIR: '/nonexistent' } as NodeJS.ProcessEnv), { store });
}, 60_000);

afterAll(async () => {
  for (const client of clients) await client.close();
  await deps?.[Symbol.asyncDispose]();
  store?.close();
});

describe('the idempotency repository saveWith', () => {
  it('writes and records in one transaction and returns the result', () => {
    const scope = { tenantId: TENANT, tool: 'create_follow_up_task', key: 'atomic-1' };
    const before = tasks();
    let inTransaction = false;
    const result = store.idempotency.saveWith(scope, () => {
      inTransaction = store.db.inTransaction;
      return { task_id: task('Ligar').id };
    });
    expect(inTransaction).toBe(true);
    expect(tasks()).toBe(before + 1);
    expect(store.idempotency.find(scope)).toEqual(result);
  });

  it('rolls the write back and answers the recorded result when the key was recorded meanwhile', () => {
    const scope = { tenantId: TENANT, tool: 'create_follow_up_task', key: 'atomic-2' };
    store.idempotency.save(scope, { task_id: 'first' });
    const before = tasks();
    expect(store.idempotency.saveWith(scope, () => ({ task_id: task('De novo').id }))).toEqual({ task_id: 'first' });
    expect(tasks()).toBe(before);
  });

  it('records nothing and keeps nothing when the write throws', () => {
    const scope = { tenantId: TENANT, tool: 'create_follow_up_task', key: 'atomic-3' };
    const before = tasks();
    expect(() =>
      store.idempotency.saveWith(scope, () => {
        task('Falha');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(tasks()).toBe(before);
    expect(store.idempotency.find(scope)).toBeUndefined();
  });
});

describe('the idempotency repository inOneTransaction', () => {
  it('commits what fn wrote when it returns and when it throws (as its statements would have), nests in an open one', () => {
    const before = tasks();
    expect(
      store.idempotency.inOneTransaction(() => {
        task('Um');
        return store.db.inTransaction;
      }),
    ).toBe(true);
    expect(() =>
      store.idempotency.inOneTransaction(() => {
        task('Dois');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.db.inTransaction).toBe(false);
    expect(tasks()).toBe(before + 2);
    store.db.transaction(() => store.idempotency.inOneTransaction(() => task('Três')))();
    expect(tasks()).toBe(before + 3);
  });
});

describe('OnceRunner with a store that records with the write', () => {
  it('records through recordWith once, not again when the handler returns', async () => {
    const calls: string[] = [];
    const fake: IdempotencyStore = {
      find: () => undefined,
      save: (_scope, result) => {
        calls.push('save');
        return result;
      },
      saveWith: (_scope, write) => {
        calls.push('saveWith');
        return write();
      },
    };
    const once = new OnceRunner(fake);
    // Without inOneTransaction the runner runs the call as is.
    const scope = { tenantId: TENANT, tool: 't', key: 'k' };
    expect(await once.run(scope, async (recordWith) => recordWith?.(() => ({ a: 1 })) ?? {})).toEqual({ a: 1 });
    expect(calls).toEqual(['saveWith']);
    // A handler that does not use it is recorded when it returns, as before.
    expect(await once.run({ ...scope, key: 'k2' }, async () => ({ b: 2 }))).toEqual({ b: 2 });
    expect(calls).toEqual(['saveWith', 'save']);
  });
});

describe('a keyed create_follow_up_task', () => {
  it('looks its key up, creates its task and records its result in one transaction', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createServerByName('sales', deps).connect(serverSide);
    const sales = new Client({ name: 'test-sales', version: '1.0.0' });
    await sales.connect(clientSide);
    clients.push(sales);
    const original = store.crm.tasks.create;
    const seen: boolean[] = [];
    const originalFind = store.idempotency.find;
    const finds: boolean[] = [];
    store.idempotency.find = (scope) => {
      finds.push(store.db.inTransaction);
      return originalFind(scope);
    };
    store.crm.tasks.create = (...args) => {
      seen.push(store.db.inTransaction);
      return original(...args);
    };
    try {
      const key = 'event-atomic/sales#1:create_follow_up_task';
      const meta = { tenantId: TENANT, contactId: CONTACT, audience: 'customer' as const, idempotencyKey: key };
      const first = ok(await callTool(sales, 'create_follow_up_task', { title: 'Ligar amanhã' }, meta));
      expect(seen).toEqual([true]);
      expect(finds).toEqual([true]);
      expect(store.idempotency.find({ tenantId: TENANT, tool: 'create_follow_up_task', key })).toEqual(first);
      expect(ok(await callTool(sales, 'create_follow_up_task', { title: 'Ligar amanhã' }, meta))).toEqual(first);
      expect(seen).toEqual([true]);
      // Without a key the write is a plain autocommit.
      ok(
        await callTool(
          sales,
          'create_follow_up_task',
          { title: 'Ligar amanhã' },
          { ...meta, idempotencyKey: undefined },
        ),
      );
      expect(seen).toEqual([true, false]);
    } finally {
      store.crm.tasks.create = original;
      store.idempotency.find = originalFind;
    }
  });
});

describe('a keyed store_memory', () => {
  it('inserts its memory and records its result in one transaction', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createServerByName('memory', deps).connect(serverSide);
    const memory = new Client({ name: 'test-memory', version: '1.0.0' });
    await memory.connect(clientSide);
    clients.push(memory);
    const memories = () =>
      (
        store.db
          .prepare("SELECT count(*) AS n FROM memories WHERE content = 'Prefere contato por WhatsApp.'")
          .get() as {
          n: number;
        }
      ).n;
    const recorded: string[] = [];
    const { save, saveWith } = store.idempotency;
    store.idempotency.save = (scope, result) => {
      recorded.push('after the write');
      return save(scope, result);
    };
    store.idempotency.saveWith = (scope, write) => {
      recorded.push('with the write');
      return saveWith(scope, write);
    };
    try {
      const key = 'event-atomic/memory#1:store_memory';
      const meta = { tenantId: TENANT, contactId: CONTACT, audience: 'customer' as const, idempotencyKey: key };
      const args = { content: 'Prefere contato por WhatsApp.', memory_type: 'preference' };
      const first = ok(await callTool(memory, 'store_memory', args, meta));
      expect(recorded).toEqual(['with the write']);
      expect(memories()).toBe(1);
      expect(store.idempotency.find({ tenantId: TENANT, tool: 'store_memory', key })).toEqual(first);
      // The retry answers the recorded result and stores nothing again.
      expect(ok(await callTool(memory, 'store_memory', args, meta))).toEqual(first);
      expect(memories()).toBe(1);
      expect(recorded).toEqual(['with the write']);
    } finally {
      store.idempotency.save = save;
      store.idempotency.saveWith = saveWith;
    }
  });
});
