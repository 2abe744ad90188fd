import type { Command } from 'commander';

/** `ventros mcp` — the agents as an MCP server on stdio (what Claude Desktop launches). */
export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('serve the agents as MCP tools on stdio (ask, run_agent) — for Claude Desktop and IDEs')
    .option('--tenant <id>', 'tenant to serve (overrides $VENTROS_TENANT_ID; default tenant-demo)')
    .action(async (options: { tenant?: string }, command: Command) => {
      const { serveMcp } = await import('../actions/mcp.js');
      await serveMcp(options, command);
    });
}
