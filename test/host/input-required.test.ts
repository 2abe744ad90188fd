import type { Server } from 'node:http';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createMcpHandler, InMemoryServerEventBus, type McpHttpHandler } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type ElicitationHandler, type McpHost, parseHostConfig } from '../../src/host/index.js';
import { freeLoopbackPort } from '../support/free-port.js';
import { createInputRequiredServer, type SharedState } from '../support/input-required-server.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';
import { eventually, hostErrorOf } from './helpers.js';

const FIXTURE = path.resolve('test/support/input-required-server.ts');
const stdioEntry = (protocol: string) => ({
  command: process.execPath,
  args: ['--import', 'tsx', FIXTURE],
  protocol,
  timeout_ms: 60_000,
});

/** A 2026-07-28-only HTTP server on a fixed loopback port, so a test can restart it in place. */
async function startHttp(port: number, shared: SharedState, bus: InMemoryServerEventBus) {
  const handler: McpHttpHandler = createMcpHandler(() => createInputRequiredServer(shared), { legacy: 'reject', bus });
  const http = serve({ hostname: '127.0.0.1', port, fetch: (request: Request) => handler.fetch(request) });
  await new Promise((resolve) => http.once('listening', resolve));
  return {
    async stop() {
      await handler.close();
      (http as Server).closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/*
 * The host as a client of servers that ask for input the 2026-07-28 way (input-required results) and
 * announce list changes on `subscriptions/listen`: a real HTTP server on loopback and a real stdio
 * child; the same child on 2025-11-25 shows the host's behaviour there is unchanged.
 */
describe('host ↔ a 2026-07-28 server over HTTP: input-required and subscriptions/listen', () => {
  const shared: SharedState = { dynamic: 0 };
  const bus = new InMemoryServerEventBus();
  let server: Awaited<ReturnType<typeof startHttp>>;
  let port: number;
  let host: McpHost;
  let answer: ElicitationHandler = async () => ({ action: 'accept', content: { name: 'Ana' } });
  const asked: string[] = [];

  beforeAll(async () => {
    shared.changed = () => bus.publish({ kind: 'tools_list_changed' });
    port = await freeLoopbackPort();
    server = await startHttp(port, shared, bus);
    host = await createHost({
      config: parseHostConfig(
        {
          mcpServers: {
            modern: {
              url: `http://127.0.0.1:${port}/mcp`,
              protocol: '2026-07-28',
              timeout_ms: 30_000,
              restart: { max_attempts: 3, backoff_ms: 50 },
            },
            short: { url: `http://127.0.0.1:${port}/mcp`, protocol: '2026-07-28', timeout_ms: 1_500 },
          },
        },
        'test',
      ),
      mode: 'strict',
      elicitation: (params, signal) => {
        asked.push(params.message);
        return answer(params, signal);
      },
    });
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await server?.stop();
  });

  it('answers an embedded elicitation with its elicitation handler and gets the result', async () => {
    asked.length = 0;
    const result = await host.callTool('modern__confirm_name', {});
    expect(result).toMatchObject({ content: 'hello Ana' });
    expect(asked).toEqual(['Your name?']);
  });

  it('answers the same way for prompts/get', async () => {
    asked.length = 0;
    const prompt = await host.getPrompt('modern__greeting');
    expect(prompt.messages[0]?.content).toMatchObject({ type: 'text', text: 'Greet Ana' });
    expect(asked).toEqual(['Your name?']);
  });

  it('passes a declined answer back to the server', async () => {
    answer = async () => ({ action: 'decline' });
    try {
      expect((await host.callTool('modern__confirm_name', {})).content).toBe('no name (decline)');
    } finally {
      answer = async () => ({ action: 'accept', content: { name: 'Ana' } });
    }
  });

  it('answers roots as on 2025-11-25, and refuses sampling it cannot do with a clear tool error', async () => {
    const roots = await host.callTool('modern__ask_roots', {});
    expect(JSON.parse(roots.content)).toEqual([expect.objectContaining({ uri: expect.stringMatching(/^file:/) })]);
    const sampling = await host.callTool('modern__ask_model', {});
    expect(sampling.isError).toBe(true);
    expect(sampling.content).toMatch(/sampling/i);
  });

  it('stops a server that keeps asking after a bounded number of rounds (a tool error)', async () => {
    asked.length = 0;
    const result = await host.callTool('modern__never_done', {});
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/still required input after 5 rounds/);
    expect(asked).toHaveLength(5);
  });

  it('ends a question still waiting at the call deadline (deadline_exceeded, no hang)', async () => {
    answer = (_params, signal) =>
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    try {
      const error = await hostErrorOf(host.callTool('short__confirm_name', {}));
      expect(error.code).toBe('deadline_exceeded');
    } finally {
      answer = async () => ({ action: 'accept', content: { name: 'Ana' } });
    }
  });

  it('listens for list changes and refreshes the catalog, re-listening after the server restarts', async () => {
    expect(await eventually(() => bus.listenerCount === 2)).toBe(true); // one stream per entry
    const names = () => host.toolInfo().map((t) => t.name);
    expect(names()).not.toContain('modern__dynamic_1');
    await host.callTool('modern__add_tool', {});
    expect(await eventually(() => names().includes('modern__dynamic_1') && names().includes('short__dynamic_1'))).toBe(
      true,
    );

    // The server goes away and comes back on the same port: the streams drop and are opened again.
    await server.stop();
    expect(bus.listenerCount).toBe(0);
    server = await startHttp(port, shared, bus);
    expect(await eventually(() => bus.listenerCount === 2, 400)).toBe(true);
    await host.callTool('modern__add_tool', {});
    expect(await eventually(() => names().includes('modern__dynamic_2'))).toBe(true);
  }, 60_000);

  it('closes its streams when the host closes', async () => {
    expect(bus.listenerCount).toBe(2);
    await host.close();
    expect(await eventually(() => bus.listenerCount === 0)).toBe(true);
  });
});

describe('host ↔ the same server on stdio, both revisions', () => {
  for (const protocol of ['2026-07-28', '2025-11-25'] as const) {
    it(`${protocol}: elicitation reaches the handler and an added tool reaches the catalog`, async () => {
      const asked: string[] = [];
      const host = await createHost({
        config: parseHostConfig({ mcpServers: { fx: stdioEntry(protocol) } }, 'test'),
        mode: 'strict',
        elicitation: async (params) => {
          asked.push(params.message);
          return { action: 'accept', content: { name: 'Bia' } };
        },
      });
      try {
        expect(host.status()[0]?.protocolVersion).toBe(protocol);
        expect((await host.callTool('fx__confirm_name', {})).content).toBe('hello Bia');
        expect(asked).toEqual(['Your name?']);
        await host.callTool('fx__add_tool', {});
        expect(await eventually(() => host.toolInfo().some((t) => t.name === 'fx__dynamic_1'))).toBe(true);
      } finally {
        await host.close();
      }
    }, 90_000);
  }
});

describe('host ↔ a 2026-07-28 server: elicitation through the approvals queue', () => {
  let seeded: SeededApp;
  let server: Awaited<ReturnType<typeof startHttp>>;
  let host: McpHost;

  beforeAll(async () => {
    seeded = await createSeededApp();
    const port = await freeLoopbackPort();
    server = await startHttp(port, { dynamic: 0 }, new InMemoryServerEventBus());
    host = await createHost({
      config: parseHostConfig(
        { mcpServers: { modern: { url: `http://127.0.0.1:${port}/mcp`, protocol: '2026-07-28', timeout_ms: 60_000 } } },
        'test',
      ),
      mode: 'strict',
      elicitation: seeded.app.elicitation.handle,
    });
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await server?.stop();
    await seeded?.close();
  });

  it('queues the question when nobody is upstream, and answers with the approver’s decision', async () => {
    const approvals = seeded.app.approvals;
    if (!approvals) throw new Error('no approvals');
    const call = host.callTool('modern__confirm_name', {});
    let id = '';
    expect(
      await eventually(async () => {
        id = (await approvals.list('tenant-demo', 'pending')).find((a) => a.tool === 'elicitation')?.id ?? '';
        return id !== '';
      }, 400),
    ).toBe(true);
    await approvals.decide('tenant-demo', id, { decision: 'approve', arguments: { name: 'Caio' } });
    expect((await call).content).toBe('hello Caio');
  }, 60_000);

  it('forwards to the upstream client when there is one', async () => {
    seeded.app.elicitation.upstream = async (params) => ({
      action: 'accept',
      content: { name: `Duda (${params.message})` },
    });
    try {
      expect((await host.callTool('modern__confirm_name', {})).content).toBe('hello Duda (Your name?)');
    } finally {
      seeded.app.elicitation.upstream = undefined;
    }
  });
});
