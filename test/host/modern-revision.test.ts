import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type McpHost, parseHostConfig } from '../../src/host/index.js';
import { createFixtureServer } from '../support/fixture-mcp-server.js';

/** What the server saw of one POST: the JSON-RPC method, its `_meta`, and the session header. */
interface Seen {
  method: string;
  meta: Record<string, unknown> | undefined;
  sessionId: string | null;
}

const VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';

describe('host as a client of a server that speaks 2026-07-28 only', () => {
  const seen: Seen[] = [];
  let server: ReturnType<typeof serve>;
  let url: string;
  let host: McpHost;

  beforeAll(async () => {
    // `legacy: 'reject'`: an `initialize` (2025-11-25) would be refused, so only a 2026-07-28 client gets in.
    const handler = createMcpHandler(() => createFixtureServer('modern'), { legacy: 'reject' });
    server = serve({
      hostname: '127.0.0.1',
      port: 0,
      fetch: async (request: Request) => {
        if (request.method === 'POST') {
          const body = (await request.clone().json()) as {
            method?: string;
            params?: { _meta?: Record<string, unknown> };
          };
          if (body.method) {
            seen.push({
              method: body.method,
              meta: body.params?._meta,
              sessionId: request.headers.get('mcp-session-id'),
            });
          }
        }
        return handler.fetch(request);
      },
    });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    host = await createHost({
      config: parseHostConfig(
        {
          mcpServers: {
            // No protocol given: the host probes (`server/discover`) and stays on 2026-07-28.
            negotiated: { url },
            pinned: { url, protocol: '2026-07-28' },
          },
        },
        'test',
      ),
      mode: 'strict',
    });
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('connects both entries on 2026-07-28 over Streamable HTTP, without initialize or sessions', () => {
    expect(host.status().map((s) => [s.name, s.state, s.transport, s.protocolVersion])).toEqual([
      ['negotiated', 'ready', 'http', '2026-07-28'],
      ['pinned', 'ready', 'http', '2026-07-28'],
    ]);
    expect(seen.map((s) => s.method)).toContain('server/discover');
    expect(seen.map((s) => s.method)).not.toContain('initialize');
    expect(seen.every((s) => s.sessionId === null)).toBe(true);
  });

  it('calls a tool with the version and the trusted context in the request _meta', async () => {
    for (const name of ['negotiated', 'pinned']) {
      seen.length = 0;
      const result = await host.callTool(`${name}__whoami`, { note: 'hi' }, { tenantId: 'tenant-modern' });
      expect(result.isError).toBeFalsy();
      expect(result.structured).toMatchObject({
        label: 'modern',
        meta: { tenantId: 'tenant-modern' },
        args: { note: 'hi' },
      });
      const call = seen.find((s) => s.method === 'tools/call');
      expect(call?.meta?.[VERSION_KEY]).toBe('2026-07-28');
      expect(call?.sessionId).toBeNull();
    }
  });

  it('refuses a 2025-11-25-only entry with a clear connect error', async () => {
    const refused = createHost({
      config: parseHostConfig({ mcpServers: { old: { url, protocol: '2025-11-25' } } }, 'test'),
      mode: 'strict',
    });
    await expect(refused).rejects.toThrow(/old/);
  });
});
