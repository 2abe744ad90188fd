import { join, resolve } from 'node:path';
import { seedDemoData } from '../../servers/seed/index.js';
import { openCrmStore } from '../../servers/store/index.js';
import { createEmbedder, errorMessage, loadEnv } from '../../shared/index.js';

interface SeedCommandOptions {
  reset?: boolean;
  tenant?: string[];
  dataDir?: string;
}

/** `ventros seed [--reset] [--tenant ID]…` — writes the demo dataset into `${VENTROS_DATA_DIR}/crm.db`. */
export async function runSeed(options: SeedCommandOptions): Promise<void> {
  try {
    const env = loadEnv();
    const path = join(resolve(options.dataDir ?? env.VENTROS_DATA_DIR), 'crm.db');
    // The same embedder as `serve`, or seeding would swap the stored vectors' space under it.
    const store = await openCrmStore({ path, embedder: createEmbedder(loadEnv()) });
    try {
      const report = await seedDemoData(store, {
        ...(options.reset ? { reset: true } : {}),
        ...(options.tenant ? { tenants: options.tenant } : {}),
      });
      const lines = [`Seeded ${path}${options.reset ? ' (reset first)' : ''}:`];
      for (const t of report) {
        lines.push(
          `  ${t.id} — ${t.name}: ${t.contacts} contacts, ${t.agents} agents, ${t.leads} leads (${t.leadsToday} today), ` +
            `${t.purchases} purchases, ${t.tickets} tickets, ${t.offers} offers, ${t.conversations} conversations / ` +
            `${t.messages} messages, ${t.graphEdges} graph edges, ${t.memoriesCreated} new memories`,
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      store.close();
    }
  } catch (error) {
    process.stderr.write(`ventros seed: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}
