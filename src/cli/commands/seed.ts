import type { Command } from 'commander';

/** `ventros seed [--reset] [--tenant ID]…` — writes the demo dataset into `${VENTROS_DATA_DIR}/crm.db`. */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('write the demo CRM dataset (tenant-demo, tenant-acme, tenant-isolation) into the local store')
    .option('--reset', "delete the seeded tenants' rows first")
    .option('--tenant <id...>', 'only these tenants (repeatable)')
    .option('--data-dir <dir>', 'data folder (default: $VENTROS_DATA_DIR or ./data)')
    .action(async (options: { reset?: boolean; tenant?: string[]; dataDir?: string }) => {
      const { runSeed } = await import('../actions/seed.js');
      await runSeed(options);
    });
}
