import type { Command } from 'commander';

/** `ventros agents [--json]`. */
export function registerAgentsCommand(program: Command): void {
  program
    .command('agents')
    .description('list every agent with its category, description and tools')
    .option('--json', 'print the list as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { listAgents } = await import('../actions/agents.js');
      await listAgents(options, command);
    });
}
