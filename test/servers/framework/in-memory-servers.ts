import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createServerByName, openServerDeps, type ServerName } from '../../../src/servers/registry.js';
import { seedDemoData } from '../../../src/servers/seed/index.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';
import { loadEnv } from '../../../src/shared/index.js';

/** Tool servers in process over a freshly seeded store, each with a real MCP client. */
export interface InMemoryServers extends AsyncDisposable {
  store: CrmStore;
  client(name: ServerName): Client;
}

/** Seeds a temp store (demo, acme and isolation tenants) and connects a client to each named server. */
export async function openInMemoryServers(names: readonly ServerName[]): Promise<InMemoryServers> {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-servers-'));
  const store = await openCrmStore({ path: join(dir, 'crm.db') });
  await seedDemoData(store);
  const deps = await openServerDeps(loadEnv({ VENTROS_DATA_DIR: dir }), { store });
  const clients = new Map<ServerName, Client>();
  for (const name of names) {
    const [a, b] = InMemoryTransport.createLinkedPair();
    await createServerByName(name, deps).connect(a);
    const client = new Client({ name: `test-${name}`, version: '1.0.0' });
    await client.connect(b);
    clients.set(name, client);
  }
  return {
    store,
    client(name) {
      const client = clients.get(name);
      if (!client) throw new Error(`no client for ${name}`);
      return client;
    },
    async [Symbol.asyncDispose]() {
      await Promise.all([...clients.values()].map((c) => c.close()));
      await deps[Symbol.asyncDispose]();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
