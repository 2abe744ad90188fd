import type { Command } from 'commander';

/** `ventros run` — not built yet. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('(not built yet)')
    .action(() => {
      throw new Error('ventros run is not built yet');
    });
}
