import type { Command } from 'commander';
import { isServerName, SERVER_DESCRIPTIONS, SERVER_NAMES } from '../../servers/server-names.js';

/**
 * `ventros server <name>` — one tool server on stdio. Stdout is the MCP channel, so everything else
 * goes to stderr; the process exits when stdin closes or on SIGTERM/SIGINT.
 */
export function registerServerCommand(program: Command): void {
  const list = SERVER_NAMES.map((n) => `  ${n.padEnd(10)} ${SERVER_DESCRIPTIONS[n]}`).join('\n');
  program
    .command('server')
    .argument('<name>', `tool server to run: ${SERVER_NAMES.join(', ')}`)
    .description('run one MCP tool server on stdio')
    .addHelpText(
      'after',
      `\nServers:\n${list}\n\nTrusted context when run alone: VENTROS_TENANT_ID, VENTROS_CONTACT_ID.`,
    )
    .action(async (name: string) => {
      if (!isServerName(name)) {
        process.stderr.write(`ventros: unknown server "${name}". Available servers: ${SERVER_NAMES.join(', ')}\n`);
        process.exit(2);
      }
      const { runStdioServer } = await import('../actions/server.js');
      await runStdioServer(name);
    });
}
