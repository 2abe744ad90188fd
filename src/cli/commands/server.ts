import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import {
  isServerName,
  openStandaloneServer,
  SERVER_DESCRIPTIONS,
  SERVER_NAMES,
  type ServerName,
} from '../../servers/registry.js';
import { loadEnv, logger } from '../../shared/index.js';
import { onShutdown } from '../shutdown.js';

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
      await runStdioServer(name);
    });
}

async function runStdioServer(name: ServerName): Promise<void> {
  const env = loadEnv();
  const standalone = await openStandaloneServer(name, env);
  const transport = new StdioServerTransport();
  const shutdown = onShutdown(
    async () => {
      await standalone.server.close();
      await standalone[Symbol.asyncDispose]();
    },
    { onStdinEnd: true },
  );
  transport.onclose = () => shutdown('transport closed');
  await standalone.server.connect(transport);
  logger.info({ server: name }, 'tool server ready on stdio');
}
