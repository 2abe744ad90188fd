import { Command } from 'commander';
import { registerAgentsCommand } from './commands/agents.js';
import { registerApprovalsCommand } from './commands/approvals.js';
import { registerChatCommand } from './commands/chat.js';
import { registerDlqCommand } from './commands/dlq.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerMcpCommand } from './commands/mcp.js';
import { registerRunCommand } from './commands/run.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerServeCommand } from './commands/serve.js';
import { registerServerCommand } from './commands/server.js';
import { registerToolsCommand } from './commands/tools.js';
import { registerUsageCommand } from './commands/usage.js';
import { registerWorkflowsCommand } from './commands/workflows.js';

/**
 * The `ventros` command tree. Each subcommand lives in `commands/<name>.ts` and registers itself
 * here; this file only composes them.
 */
export function createProgram(): Command {
  const program = new Command('ventros')
    .description('Ventros agent host: CRM specialist agents whose tools are MCP servers.')
    .option('--config <path>', 'path of the MCP config (default: $VENTROS_MCP_CONFIG or ./mcp.config.json)')
    .option('-q, --quiet', 'log warnings and errors only')
    .option('-v, --verbose', 'log debug lines too')
    .showHelpAfterError('(run with --help for usage)');
  // Before any action loads the logger (actions are imported when they run), so its level is set once.
  program.hook('preAction', (_, action) => {
    const { quiet, verbose } = action.optsWithGlobals<{ quiet?: boolean; verbose?: boolean }>();
    if (verbose) process.env.LOG_LEVEL = 'debug';
    else if (quiet) process.env.LOG_LEVEL = 'warn';
  });
  for (const register of [
    registerServeCommand,
    registerMcpCommand,
    registerServerCommand,
    registerRunCommand,
    registerChatCommand,
    registerAgentsCommand,
    registerToolsCommand,
    registerSeedCommand,
    registerDlqCommand,
    registerEvalCommand,
    registerWorkflowsCommand,
    registerApprovalsCommand,
    registerUsageCommand,
  ]) {
    register(program);
  }
  return program;
}
