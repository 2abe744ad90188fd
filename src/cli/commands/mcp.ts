import type { Command } from 'commander';

/** `ventros mcp` — the agents as an MCP server on stdio (what Claude Desktop launches). */
export function registerMcpCommand(program: Command): void {
  const mcp = program
    .command('mcp')
    .description('serve the agents as MCP tools on stdio (ask, run_agent) — for Claude Desktop and IDEs')
    .option('--tenant <id>', 'tenant to serve (overrides $VENTROS_TENANT_ID; default tenant-demo)')
    .action(async (options: { tenant?: string }, command: Command) => {
      const { serveMcp } = await import('../actions/mcp.js');
      await serveMcp(options, command);
    });
  mcp
    .command('login <server>')
    .description(
      'log in to a remote MCP server that uses OAuth ("oauth" in mcp.config.json); tokens stay in the data dir',
    )
    .option('--timeout <seconds>', 'how long to wait for the login in the browser', '300')
    .option('--no-browser', 'only print the login URL (headless machines)')
    .action(async (server: string, options: { timeout: string; browser: boolean }, command: Command) => {
      const { mcpLogin } = await import('../actions/mcp-login.js');
      await mcpLogin(server, options, command);
    });
  mcp
    .command('logout <server>')
    .description("forget a remote MCP server's OAuth tokens")
    .action(async (server: string, options: unknown, command: Command) => {
      const { mcpLogout } = await import('../actions/mcp-login.js');
      await mcpLogout(server, options, command);
    });
}
