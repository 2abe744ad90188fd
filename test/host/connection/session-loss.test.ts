import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type McpHost, parseHostConfig } from '../../../src/host/index.js';
import {
  createFixtureServer,
  type FixtureStats,
  type HttpFixture,
  serveMcpHttp,
} from '../../support/fixture-mcp-server.js';
import { eventually, hostErrorOf } from '../helpers.js';

/**
 * A Streamable HTTP server that forgets sessions (as one that restarted or expired them) answers
 * 404 to our session id. The host starts a new session and sends a request that got the 404 once
 * more: the server never ran it.
 */
describe('Streamable HTTP session loss', () => {
  let fixture: HttpFixture | undefined;
  let host: McpHost | undefined;
  /** The counters of each server instance the fixture created, one per session, in order. */
  let stats: FixtureStats[] = [];

  async function start(restart?: { max_attempts: number; backoff_ms: number }): Promise<McpHost> {
    stats = [];
    fixture = await serveMcpHttp(() => {
      const server = createFixtureServer('forgetful');
      stats.push(server.stats);
      return server;
    });
    host = await createHost({
      config: parseHostConfig(
        {
          mcpServers: {
            // Sessions are a 2025-11-25 thing (2026-07-28 has none): no server/discover probe first.
            web: {
              url: fixture.url,
              transport: 'http',
              protocol: '2025-11-25',
              timeout_ms: 5000,
              ...(restart ? { restart } : {}),
            },
          },
        },
        'test',
      ),
      mode: 'strict',
    });
    return host;
  }

  afterEach(async () => {
    await host?.close();
    await fixture?.close();
    host = undefined;
    fixture = undefined;
  });

  it('re-initializes after a 404 on a call and sends that call once more, so it runs exactly once', async () => {
    const host = await start();
    expect((await host.callTool('web__echo', { text: 'before' })).content).toBe('before');
    expect(await fixture?.forgetSessions({ quietly: true })).toBe(1);

    const result = await host.callTool('web__echo', { text: 'after' });
    expect(result).toEqual({ content: 'after' });
    expect(fixture?.sessionsStarted()).toBe(2);
    expect(stats.map((s) => s.calls)).toEqual([1, 1]);
    expect(host.status()[0]).toMatchObject({ state: 'ready', restarts: 1 });
  });

  it('shares one re-initialization among concurrent calls that all got 404', async () => {
    const host = await start();
    await fixture?.forgetSessions({ quietly: true });
    const results = await Promise.all(
      ['a', 'b', 'c'].map((text) => host.callTool('web__whoami', { note: text }, { tenantId: 'tenant-web' })),
    );
    expect(results.map((r) => r.structured)).toEqual(
      ['a', 'b', 'c'].map((note) => expect.objectContaining({ meta: { tenantId: 'tenant-web' }, args: { note } })),
    );
    expect(fixture?.sessionsStarted()).toBe(2);
    expect(stats[1]?.calls).toBe(3);
  });

  it('notices a restarted server on its event stream and reconnects before the next call', async () => {
    const host = await start();
    await fixture?.forgetSessions();
    // The closed GET stream is re-opened with the old session id, gets 404, and that alone re-initializes.
    expect(await eventually(() => host.status()[0]?.restarts === 1)).toBe(true);
    expect(host.status()[0]?.state).toBe('ready');
    expect((await host.callTool('web__echo', { text: 'again' })).content).toBe('again');
    expect(fixture?.sessionsStarted()).toBe(2);
    expect(host.tools().length).toBeGreaterThan(0);
  });

  it('gives up after max_attempts when the server will not start a new session, with a typed error', async () => {
    const host = await start({ max_attempts: 2, backoff_ms: 10 });
    fixture?.refuseNewSessions(true);
    await fixture?.forgetSessions({ quietly: true });

    const error = await hostErrorOf(host.callTool('web__echo', { text: 'lost' }));
    expect(error).toMatchObject({ code: 'server_unavailable', server: 'web', tool: 'echo' });
    expect(error.message).toContain('not accepting new sessions');
    expect(host.status()[0]?.state).toBe('failed');
    expect(stats.map((s) => s.calls)).toEqual([0]);
  });

  it('re-initializes at least once even when restarts are off', async () => {
    const host = await start({ max_attempts: 0, backoff_ms: 10 });
    await fixture?.forgetSessions({ quietly: true });
    expect((await host.callTool('web__echo', { text: 'once' })).content).toBe('once');
    expect(host.status()[0]).toMatchObject({ state: 'ready', restarts: 1 });
  });
});
