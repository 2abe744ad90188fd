import type { Command } from 'commander';

/** `ventros agents` — not built yet. */
export function registerAgentsCommand(program: Command): void {
  program
    .command('agents')
    .description('(not built yet)')
    .action(() => {
      throw new Error('ventros agents is not built yet');
    });
}
