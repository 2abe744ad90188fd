import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type McpHost, parseHostConfig } from '../../src/host/index.js';
import { createFixtureServer, type HttpFixture, serveMcpHttp } from '../support/fixture-mcp-server.js';
import { hostErrorOf } from './helpers.js';

const scriptedSampling = async () => ({
  role: 'assistant' as const,
  model: 'scripted-http',
  content: { type: 'text' as const, text: 'pong' },
});

describe('host over Streamable HTTP and legacy SSE (fixture served on 127.0.0.1:0)', () => {
  let both: HttpFixture;
  let sseOnly: HttpFixture;
  let host: McpHost;

  beforeAll(async () => {
    both = await serveMcpHttp(() => createFixtureServer('http'), { streamable: true, sse: true });
    sseOnly = await serveMcpHttp(() => createFixtureServer('legacy'), { streamable: false, sse: true });
    host = await createHost({
      config: parseHostConfig(
        {
          mcpServers: {
            streamable: { url: both.url, transport: 'http', timeout_ms: 1500 },
            sse: { url: both.sseUrl, transport: 'sse' },
            // No transport given: Streamable HTTP is tried first; this endpoint answers 405, so SSE.
            fallback: { url: sseOnly.sseUrl },
          },
        },
        'test',
      ),
      mode: 'strict',
      sampling: scriptedSampling,
    });
  });
  afterAll(async () => {
    await host?.close();
    await both?.close();
    await sseOnly?.close();
  });

  it('connects each server over the transport it asked for, falling back to SSE on a 4xx', () => {
    expect(host.status().map((s) => [s.name, s.state, s.transport])).toEqual([
      ['streamable', 'ready', 'http'],
      ['sse', 'ready', 'sse'],
      ['fallback', 'ready', 'sse'],
    ]);
  });

  it('calls tools with the trusted _meta over every transport', async () => {
    for (const server of ['streamable', 'sse', 'fallback']) {
      const result = await host.callTool(`${server}__whoami`, { tenant_id: 'evil' }, { tenantId: 'tenant-http' });
      expect(result.structured).toMatchObject({ meta: { tenantId: 'tenant-http' }, args: {} });
    }
  });

  it('relays progress and sampling over Streamable HTTP', async () => {
    const seen: number[] = [];
    await host.callTool('streamable__progress', { steps: 2 }, { onProgress: (p) => seen.push(p.progress) });
    expect(seen).toEqual([1, 2]);
    expect((await host.callTool('streamable__ask_model', { prompt: 'ping' })).content).toBe(
      'model scripted-http said: pong',
    );
  });

  it('relays sampling over legacy SSE', async () => {
    expect((await host.callTool('sse__ask_model', { prompt: 'ping' })).content).toBe('model scripted-http said: pong');
  });

  it('times out an HTTP call with deadline_exceeded', async () => {
    const error = await hostErrorOf(host.callTool('streamable__slow', { ms: 10_000 }));
    expect(error).toMatchObject({ code: 'deadline_exceeded', server: 'streamable', tool: 'slow' });
  });

  it('refreshes tools after list_changed over Streamable HTTP', async () => {
    const changed = new Promise<void>((resolve) => {
      const off = host.onToolsChanged(() => {
        off();
        resolve();
      });
    });
    await host.callTool('streamable__add_tool', {});
    await changed;
    expect(host.tools(['streamable__dynamic_*']).map((t) => t.name)).toEqual(['streamable__dynamic_1']);
  });

  it('fails to connect to a URL nobody serves, naming the server', async () => {
    const gone = await serveMcpHttp(() => createFixtureServer('gone'));
    const url = gone.url;
    await gone.close();
    const error = await hostErrorOf(
      createHost({
        config: parseHostConfig({ mcpServers: { gone: { url, transport: 'http', connect_timeout_ms: 3000 } } }, 'test'),
        mode: 'strict',
      }),
    );
    expect(error).toMatchObject({ code: 'connect_failed', server: 'gone' });
    expect(error.message).toMatch(/^MCP server "gone" failed to connect: /);
  });
});
