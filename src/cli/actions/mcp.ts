import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import { createAgentsMcpServer } from '../../bridge/index.js';
import { DEFAULT_TENANT_ID, loadEnv } from '../../shared/index.js';
import { createApp } from '../create-app.js';
import { onShutdown } from '../shutdown.js';

/** `ventros mcp` — the agents as an MCP server on stdio (what Claude Desktop launches). */
export async function serveMcp(options: { tenant?: string }, command: Command): Promise<void> {
  const env = loadEnv();
  const config = command.optsWithGlobals<{ config?: string }>().config;
  const app = await createApp({ ...(config ? { configPath: config } : {}), seedIfEmpty: true });
  const server = createAgentsMcpServer(app, {
    tenantId: options.tenant ?? env.VENTROS_TENANT_ID ?? DEFAULT_TENANT_ID,
  });
  const transport = new StdioServerTransport();
  const shutdown = onShutdown(
    async () => {
      await server.close().catch(() => undefined);
      await app.close();
    },
    { onStdinEnd: true },
  );
  transport.onclose = () => shutdown('transport closed');
  await server.connect(transport);
}
