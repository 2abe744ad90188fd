import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { seedDemoData } from '../../servers/seed/index.js';
import { openCrmStore } from '../../servers/store/index.js';
import { createEmbedder, errorMessage, loadEnv } from '../../shared/index.js';

interface SeedCommandOptions {
  reset?: boolean;
  tenant?: string[];
  dataDir?: string;
}

/** `ventros seed [--reset] [--tenant ID]…` — writes the demo dataset into `${VENTROS_DATA_DIR}/crm.db`. */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('write the demo CRM dataset (tenant-demo, tenant-acme, tenant-isolation) into the local store')
    .option('--reset', "delete the seeded tenants' rows first")
    .option('--tenant <id...>', 'only these tenants (repeatable)')
    .option('--data-dir <dir>', 'data folder (default: $VENTROS_DATA_DIR or ./data)')
    .action(async (options: SeedCommandOptions) => {
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
    });
}
