/**
 * A conformance fixture server built on our tool-server framework (`createToolServer`, the code behind
 * the six CRM tool servers) and served over Streamable HTTP by our `/mcp` handler (`McpHttpHandler`:
 * 2025-11-25 with sessions, 2026-07-28 stateless) behind the same DNS-rebinding guard as `/mcp`.
 *
 * Tools and resources the framework can express are ToolSpec / ResourceSpec (framework-fixture-tools.ts).
 * What the framework has no API for — prompts, completion, resource subscriptions, tools that ask the
 * client (sampling, elicitation, input-required rounds), log notifications, a raw JSON Schema 2020-12
 * input — is registered on the McpServer it returns, with the SDK's own API (framework-sdk-fixtures.ts,
 * framework-client-request-fixtures.ts, framework-input-required-fixtures.ts).
 * A test fixture, not product code.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { InMemoryServerEventBus, type McpServer } from '@modelcontextprotocol/server';
import { Hono } from 'hono';
import { localOriginGuard } from '../../src/bridge/local-origin-guard.js';
import { McpHttpHandler } from '../../src/bridge/mcp/mcp-http-handler.js';
import { createToolServer } from '../../src/servers/framework/index.js';
import { FIXTURE_RESOURCES, FIXTURE_TOOLS } from './framework-fixture-tools.js';
import { codec } from './framework-input-required-fixtures.js';
import { addSdkFixtures, type FixtureLists } from './framework-sdk-fixtures.js';

/**
 * One fixture server (a fresh one per 2025 session and per 2026 request, as `/mcp` does); `lists` holds
 * what the list-changing fixtures added, shared by every instance.
 */
export function createFrameworkFixtureServer(lists: FixtureLists): McpServer {
  const server = createToolServer({
    name: 'conformance-fixture',
    tools: FIXTURE_TOOLS,
    resources: FIXTURE_RESOURCES,
    defaults: { tenantId: 'tenant-demo' },
    requestState: { verify: codec.verify },
  });
  addSdkFixtures(server, lists);
  return server;
}

export interface ServedFixture {
  url: string;
  close(): Promise<void>;
}

/** Serves the fixture server at `http://127.0.0.1:<free port>/mcp`. */
export async function serveFrameworkFixture(): Promise<ServedFixture> {
  const bus = new InMemoryServerEventBus();
  const lists: FixtureLists = { tools: 0, prompts: 0, publish: (event) => bus.publish(event) };
  const mcp = new McpHttpHandler({ createServer: () => createFrameworkFixtureServer(lists), bus });
  const app = new Hono();
  app.use('/mcp', localOriginGuard());
  app.all('/mcp', (c) => mcp.handle(c.req.raw, 'tenant-demo'));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  return {
    url,
    async close() {
      await mcp.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
