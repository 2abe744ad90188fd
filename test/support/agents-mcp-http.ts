import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createAgentsMcpServer, createHttpApp, HttpMetrics, McpHttpHandler } from '../../src/bridge/index.js';
import { createSeededApp } from './seeded-app.js';

/** The agents' `/mcp` on a real loopback HTTP server, over a seeded demo app. */
export interface AgentsMcpHttp {
  /** `http://127.0.0.1:<port>/mcp`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Seeds an app and serves its agents at `/mcp` on an ephemeral loopback port (no API tokens). */
export async function startAgentsMcpHttp(): Promise<AgentsMcpHttp> {
  const seeded = await createSeededApp();
  const mcp = new McpHttpHandler({ createServer: (tenantId) => createAgentsMcpServer(seeded.app, { tenantId }) });
  const http = createHttpApp({
    app: seeded.app,
    metrics: new HttpMetrics(),
    apiTokens: new Map(),
    defaultTenantId: 'tenant-demo',
    mcp,
  });
  const server = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    close: async () => {
      await mcp.close();
      await new Promise((resolve) => server.close(resolve));
      await seeded.close();
    },
  };
}
