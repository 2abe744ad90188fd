import type { Command } from 'commander';

/** `ventros seed` — not built yet. */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('(not built yet)')
    .action(() => {
      throw new Error('ventros seed is not built yet');
    });
}
