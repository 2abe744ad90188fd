import type { Command } from 'commander';

/** `ventros server` — not built yet. */
export function registerServerCommand(program: Command): void {
  program
    .command('server')
    .description('(not built yet)')
    .action(() => {
      throw new Error('ventros server is not built yet');
    });
}
