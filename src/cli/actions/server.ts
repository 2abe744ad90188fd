import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { openStandaloneServer, type ServerName } from '../../servers/registry.js';
import { loadEnv, logger } from '../../shared/index.js';
import { enforceJsonRpc } from '../../shared/mcp/strict-json-rpc.js';
import { onShutdown } from '../shutdown.js';

/** `ventros server <name>`: one tool server on stdio until stdin closes or a signal. */
export async function runStdioServer(name: ServerName): Promise<void> {
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
  enforceJsonRpc(transport);
  logger.info({ server: name }, 'tool server ready on stdio');
}
