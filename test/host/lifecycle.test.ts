import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHost, parseHostConfig } from '../../src/host/index.js';
import { createFixtureServer } from '../support/fixture-mcp-server.js';
import { eventually, fixtureStdioEntry, hostErrorOf, isAlive } from './helpers.js';

/** Pids of live processes whose command line contains `marker` (Linux /proc). */
function pidsWithArg(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

const pidOf = async (
  host: { callTool(n: string, a: Record<string, unknown>): Promise<{ content: string }> },
  tool: string,
) => Number((await host.callTool(tool, {})).content);

describe('crash and restart', () => {
  it('gives the failed call server_crashed, restarts the child, and later calls succeed', async () => {
    const host = await createHost({
      config: parseHostConfig(
        { mcpServers: { fx: fixtureStdioEntry('crashy', { restart: { max_attempts: 3, backoff_ms: 50 } }) } },
        'test',
      ),
      mode: 'strict',
    });
    try {
      const firstPid = await pidOf(host, 'fx__pid');
      const error = await hostErrorOf(host.callTool('fx__crash', {}));
      expect(error).toMatchObject({ code: 'server_crashed', server: 'fx', tool: 'crash' });
      expect(error.message).toContain('fixture: crashing on purpose');
      // The next call waits for the restart in progress instead of failing.
      const echo = await host.callTool('fx__echo', { text: 'back again' });
      expect(echo.content).toBe('back again');
      expect(await pidOf(host, 'fx__pid')).not.toBe(firstPid);
      expect(isAlive(firstPid)).toBe(false);
      expect(host.status()[0]).toMatchObject({ state: 'ready', restarts: 1 });
    } finally {
      await host.close();
    }
  });

  it('marks the server failed when restarts are not allowed, and later calls get server_unavailable', async () => {
    const host = await createHost({
      config: parseHostConfig(
        { mcpServers: { fx: fixtureStdioEntry('fragile', { restart: { max_attempts: 0, backoff_ms: 1 } }) } },
        'test',
      ),
    });
    try {
      expect((await hostErrorOf(host.callTool('fx__crash', {}))).code).toBe('server_crashed');
      const error = await hostErrorOf(host.callTool('fx__echo', { text: 'x' }));
      expect(error).toMatchObject({ code: 'server_unavailable', server: 'fx' });
      expect(error.message).toMatch(/MCP server "fx" is not available: .*closed unexpectedly/);
      expect(host.status()[0]).toMatchObject({ state: 'failed' });
    } finally {
      await host.close();
    }
  });
});

describe('crash loop', () => {
  it('stops restarting a server that keeps crashing right after each restart', async () => {
    const host = await createHost({
      config: parseHostConfig(
        { mcpServers: { fx: fixtureStdioEntry('loopy', { restart: { max_attempts: 2, backoff_ms: 20 } }) } },
        'test',
      ),
      mode: 'strict',
    });
    try {
      // Two crashes are within the budget: each restart succeeds.
      for (let i = 0; i < 2; i++) {
        expect((await hostErrorOf(host.callTool('fx__crash', {}))).code).toBe('server_crashed');
        expect((await host.callTool('fx__echo', { text: `up ${i}` })).content).toBe(`up ${i}`);
      }
      // The third within a minute exhausts it: no restart, a clear reason.
      expect((await hostErrorOf(host.callTool('fx__crash', {}))).code).toBe('server_crashed');
      const error = await hostErrorOf(host.callTool('fx__echo', { text: 'x' }));
      expect(error).toMatchObject({ code: 'server_unavailable' });
      expect(error.message).toContain('crashed 3 times within a minute');
      expect(host.status()[0]).toMatchObject({ state: 'failed', restarts: 2 });
    } finally {
      await host.close();
    }
  });
});

describe('shutdown', () => {
  it('ends every child process on close(), even one that ignores stdin closing and SIGTERM', async () => {
    const host = await createHost({
      config: parseHostConfig(
        {
          mcpServers: {
            polite: fixtureStdioEntry('polite'),
            stubborn: fixtureStdioEntry('stubborn', {}, ['--stubborn']),
          },
        },
        'test',
      ),
      mode: 'strict',
      killGraceMs: 300,
    });
    const pids = [await pidOf(host, 'polite__pid'), await pidOf(host, 'stubborn__pid')];
    expect(pids.every(isAlive)).toBe(true);
    await host[Symbol.asyncDispose]();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(host.status().map((s) => s.state)).toEqual(['closed', 'closed']);
    expect((await hostErrorOf(host.callTool('polite__echo', { text: 'x' }))).code).toBe('closed');
    await host.close(); // idempotent
  });

  it('kills a child that never answers initialize, after connect_timeout_ms', async () => {
    const marker = `ventros-silent-${randomUUID()}`;
    const config = parseHostConfig(
      {
        mcpServers: {
          silent: {
            command: process.execPath,
            args: ['-e', 'setInterval(() => {}, 1000)', marker],
            connect_timeout_ms: 500,
          },
        },
      },
      'test',
    );
    const error = await hostErrorOf(createHost({ config, mode: 'strict', killGraceMs: 200 }));
    expect(error).toMatchObject({ code: 'connect_failed', server: 'silent' });
    expect(error.message).toBe('MCP server "silent" failed to connect: no answer within 500 ms');
    expect(await eventually(() => pidsWithArg(marker).length === 0)).toBe(true);
  });
});

describe('aggregation', () => {
  const builtins = { alpha: () => createFixtureServer('alpha'), beta: () => createFixtureServer('beta') };

  it('keeps same-named tools of different servers apart and reports bare names as ambiguous', async () => {
    const host = await createHost({
      config: parseHostConfig({ mcpServers: { a: { builtin: 'alpha' }, b: { builtin: 'beta' } } }, 'test'),
      builtins,
      mode: 'strict',
    });
    try {
      expect(host.status().map((s) => s.transport)).toEqual(['in-memory', 'in-memory']);
      expect(host.tools(['*__echo']).map((t) => t.name)).toEqual(['a__echo', 'b__echo']);
      expect(() => host.tools(['echo'])).toThrow(/"echo" is ambiguous: offered by a__echo, b__echo/);
      expect(host.resolveTools(['echo', 'a__echo']).ambiguous).toEqual([
        { name: 'echo', candidates: ['a__echo', 'b__echo'] },
      ]);
      expect(((await host.callTool('b__whoami', {})).structured as { label: string }).label).toBe('beta');
      expect(((await host.callTool('a__whoami', {})).structured as { label: string }).label).toBe('alpha');
    } finally {
      await host.close();
    }
  });

  it("applies a server's allow/deny globs to its tools", async () => {
    const host = await createHost({
      config: parseHostConfig(
        { mcpServers: { a: { builtin: 'alpha', tools: { allow: ['echo', 'slow*', 'who*'], deny: ['slow'] } } } },
        'test',
      ),
      builtins,
    });
    try {
      expect(host.toolInfo().map((t) => t.name)).toEqual(['a__echo', 'a__whoami']);
    } finally {
      await host.close();
    }
  });

  it('drop-failed (default) starts without a failing server and says why in status()', async () => {
    const host = await createHost({
      config: parseHostConfig(
        {
          mcpServers: {
            good: { builtin: 'alpha' },
            broken: { command: '/nonexistent/mcp-server' },
            off: { builtin: 'beta', disabled: true },
          },
        },
        'test',
      ),
      builtins,
    });
    try {
      const status = Object.fromEntries(host.status().map((s) => [s.name, s]));
      expect(status.good?.state).toBe('ready');
      expect(status.broken?.state).toBe('failed');
      expect(status.broken?.error).toMatch(/MCP server "broken" failed to connect: .*ENOENT/);
      expect(status.off?.state).toBe('disabled');
      expect(host.toolInfo().every((t) => t.server === 'good')).toBe(true);
    } finally {
      await host.close();
    }
  });

  it('strict mode fails start-up naming the server', async () => {
    const error = await hostErrorOf(
      createHost({
        config: parseHostConfig({ mcpServers: { good: { builtin: 'alpha' }, nope: { builtin: 'gamma' } } }, 'test'),
        builtins,
        mode: 'strict',
      }),
    );
    expect(error).toMatchObject({ code: 'connect_failed', server: 'nope' });
    expect(error.message).toBe('MCP server "nope": no builtin server named "gamma" (known: alpha, beta)');
  });
});
