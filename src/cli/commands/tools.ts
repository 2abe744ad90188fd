import type { Command } from 'commander';
import { DEFAULT_TENANT_ID } from '../../shared/defaults.js';

/**
 * `ventros tools [--json]` lists every tool by server; `ventros tools --call <tool> '<json>'` calls
 * one (exit code 1 when the result is a tool error).
 */
export function registerToolsCommand(program: Command): void {
  program
    .command('tools')
    .description('list the tools of every configured MCP server, or call one with --call')
    .argument('[arguments]', 'with --call: the tool arguments as a JSON object')
    .option('--json', 'print JSON')
    .option('--call <tool>', 'call this tool (namespaced like memory__search_memory, or a unique bare name)')
    .option('--tenant <id>', `tenant of the call (default: $VENTROS_TENANT_ID or ${DEFAULT_TENANT_ID})`)
    .option('--contact <id>', 'contact of the call')
    .option('--session <id>', 'session of the call')
    .action(async (argsText: string | undefined, options, command: Command) => {
      const { runTools } = await import('../actions/tools.js');
      await runTools(argsText, options, command);
    });
}
