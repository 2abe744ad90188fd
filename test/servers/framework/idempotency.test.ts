import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerByName, openServerDeps, type ServerDeps } from '../../../src/servers/registry.js';
import { seedDemoData } from '../../../src/servers/seed/index.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';
import { loadEnv } from '../../../src/shared/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { callTool, ok } from './harness.js';

// A writing tool called twice with one idempotency key (`io.ventros/idempotency_key` in `_meta`) writes
// once and answers the repeat with the first result: the real servers on a real (seeded) SQLite store.

const TENANT = 'tenant-demo';
const CONTACT = 'contact-carlos';

let store: CrmStore;
let deps: ServerDeps & AsyncDisposable;
const clients: Client[] = [];

async function connect(name: 'retention' | 'support' | 'sales' | 'memory'): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createServerByName(name, deps).connect(serverSide);
  const client = new Client({ name: `test-${name}`, version: '1.0.0' });
  await client.connect(clientSide);
  clients.push(client);
  return client;
}

const count = (sql: string) => (store.db.prepare(sql).get(TENANT, CONTACT) as { n: number }).n;
const trusted = (key?: string) => ({
  tenantId: TENANT,
  contactId: CONTACT,
  audience: 'customer' as const,
  ...(key ? { idempotencyKey: key } : {}),
});

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

describe('writing tools with an idempotency key', () => {
  it('create one offer, ticket, task and memory for a key called twice, and return the same result', async () => {
    const retention = await connect('retention');
    const support = await connect('support');
    const sales = await connect('sales');
    const memory = await connect('memory');
    const calls = [
      {
        client: retention,
        tool: 'create_retention_offer',
        args: { discount_percent: 10, reason: 'reclamou do preço' },
        rows: 'SELECT count(*) AS n FROM offers WHERE tenant_id = ? AND contact_id = ?',
      },
      {
        client: support,
        tool: 'create_ticket',
        args: { subject: 'WhatsApp não envia', description: 'mensagens presas' },
        rows: 'SELECT count(*) AS n FROM tickets WHERE tenant_id = ? AND contact_id = ?',
      },
      {
        client: sales,
        tool: 'create_follow_up_task',
        args: { title: 'Ligar amanhã' },
        rows: 'SELECT count(*) AS n FROM tasks WHERE tenant_id = ? AND contact_id = ?',
      },
      {
        client: memory,
        tool: 'store_memory',
        args: { content: 'Prefere WhatsApp depois das 14h.', memory_type: 'preference' },
        rows: 'SELECT count(*) AS n FROM memories WHERE tenant_id = ? AND contact_id = ?',
      },
    ];
    for (const call of calls) {
      const before = count(call.rows);
      const key = `event-1/retention_churn#1:${call.tool}`;
      const first = ok(await callTool(call.client, call.tool, call.args, trusted(key)));
      const again = ok(await callTool(call.client, call.tool, call.args, trusted(key)));
      expect(again, call.tool).toEqual(first);
      expect(count(call.rows), call.tool).toBe(before + 1);
      // Another key is another call; no key at all always runs.
      ok(await callTool(call.client, call.tool, call.args, trusted(`event-2/retention_churn#1:${call.tool}`)));
      expect(count(call.rows), call.tool).toBe(before + 2);
    }
  });

  it('share one run between concurrent calls with the same key', async () => {
    const support = await connect('support');
    const rows = 'SELECT count(*) AS n FROM tickets WHERE tenant_id = ? AND contact_id = ?';
    const before = count(rows);
    const args = { subject: 'Sistema lento', description: 'painel demora' };
    const results = await Promise.all(
      [1, 2, 3].map(() => callTool(support, 'create_ticket', args, trusted('event-3/support_technical#1'))),
    );
    expect(new Set(results.map((r) => JSON.stringify(ok(r)))).size).toBe(1);
    expect(count(rows)).toBe(before + 1);
  });

  it('record no failure: a refused call with a key runs again on the next attempt', async () => {
    const retention = await connect('retention');
    const key = 'event-4/retention_churn#1:create_retention_offer';
    const refused = await callTool(
      retention,
      'create_retention_offer',
      { discount_percent: 45, reason: 'caro' },
      trusted(key),
    );
    expect(refused.isError).toBe(true);
    expect(store.idempotency.find({ tenantId: TENANT, tool: 'create_retention_offer', key })).toBeUndefined();
  });

  it('do not key read-only tools', async () => {
    const retention = await connect('retention');
    ok(await callTool(retention, 'get_past_offers', {}, trusted('event-5/x#1:get_past_offers')));
    expect(
      store.idempotency.find({ tenantId: TENANT, tool: 'get_past_offers', key: 'event-5/x#1:get_past_offers' }),
    ).toBeUndefined();
  });
});

describe('a message run twice with the same event id (a redelivery after a crash)', () => {
  let seeded: SeededApp;
  beforeAll(async () => {
    seeded = await createSeededApp();
  }, 60_000);
  afterAll(async () => {
    await seeded?.close();
  });

  it('creates one retention offer, and the run carries keys built from the event id and call position', async () => {
    const db = seeded.app.deps.store.db;
    const offers = () =>
      (
        db
          .prepare('SELECT count(*) AS n FROM offers WHERE tenant_id = ? AND contact_id = ?')
          .get(TENANT, 'contact-carlos') as {
          n: number;
        }
      ).n;
    const before = offers();
    const request = {
      agent: 'auto',
      message: 'Quero cancelar, está muito caro',
      tenantId: TENANT,
      contactId: CONTACT,
      sessionId: 'session-idem',
      audience: 'customer' as const,
      idempotencyKey: 'event-run-1',
    };
    const first = await seeded.app.execute(request);
    expect(first.agent_used).toBe('retention_churn');
    expect(offers()).toBe(before + 1);
    // A crash loses the session's save: the redelivered message starts the same run from scratch.
    await seeded.app.execute({ ...request, sessionId: 'session-idem-redelivered' });
    expect(offers()).toBe(before + 1);
    const keys = db
      .prepare("SELECT key FROM tool_idempotency WHERE tenant_id = ? AND key LIKE 'event-run-1/%'")
      .all(TENANT) as { key: string }[];
    expect(keys.map((k) => k.key)).toContainEqual(
      expect.stringMatching(/^event-run-1\/retention_churn#\d+:retention__create_retention_offer$/),
    );
  }, 60_000);
});
