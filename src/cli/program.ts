import { Command } from 'commander';

/**
 * The `ventros` command tree. Each subcommand lives in `commands/<name>.ts` and registers itself
 * here; this file only composes them.
 */
export function createProgram(): Command {
  const program = new Command('ventros')
    .description('Ventros agent host: CRM specialist agents whose tools are MCP servers.')
    .option('--config <path>', 'path of the MCP config (default: $VENTROS_MCP_CONFIG or ./mcp.config.json)')
    .showHelpAfterError('(run with --help for usage)');
  return program;
}
