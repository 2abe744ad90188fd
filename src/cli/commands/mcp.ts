import type { Command } from 'commander';

/** `ventros mcp` — not built yet. */
export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('(not built yet)')
    .action(() => {
      throw new Error('ventros mcp is not built yet');
    });
}
