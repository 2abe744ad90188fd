import type { Command } from 'commander';

/** `ventros tools` — not built yet. */
export function registerToolsCommand(program: Command): void {
  program
    .command('tools')
    .description('(not built yet)')
    .action(() => {
      throw new Error('ventros tools is not built yet');
    });
}
