import type { Command } from 'commander';

/** `ventros serve` — not built yet. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('(not built yet)')
    .action(() => {
      throw new Error('ventros serve is not built yet');
    });
}
