import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentsMcpServer, McpHttpHandler } from '../../../src/bridge/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { ventrosStdio } from '../../support/ventros-stdio.js';

/**
 * A client of the 2026-07-28 revision (the SDK 2.x client pinned to it: no `initialize`, no session,
 * `server/discover` first and the version in every request's `_meta`) against our servers: `/mcp`,
 * `ventros mcp` and a tool server (`ventros server format`) on stdio.
 */
const _root = join(import.meta.dirname, '..', '..', '..');
const VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';
const SERVER_INFO_KEY = 'io.modelcontextprotocol/serverInfo';

const modernClient = () =>
  new Client({ name: 'client-2026', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });

interface Posted {
  method: string;
  meta: Record<string, unknown> | undefined;
  sessionId: string | null;
}

describe('/mcp on 2026-07-28 (stateless, in process)', () => {
  let seeded: SeededApp;
  let mcp: McpHttpHandler;
  let client: Client;
  const posted: Posted[] = [];
  const answeredSessionIds: (string | null)[] = [];

  beforeAll(async () => {
    seeded = await createSeededApp();
    mcp = new McpHttpHandler({ createServer: (tenantId) => createAgentsMcpServer(seeded.app, { tenantId }) });
    client = modernClient();
    const transport = new StreamableHTTPClientTransport(new URL('http://ventros.test/mcp'), {
      fetch: async (url, init) => {
        const request = new Request(url, init);
        if (request.method === 'POST') {
          const body = (await request.clone().json()) as {
            method?: string;
            params?: { _meta?: Record<string, unknown> };
          };
          if (body.method) {
            posted.push({
              method: body.method,
              meta: body.params?._meta,
              sessionId: request.headers.get('mcp-session-id'),
            });
          }
        }
        const response = await mcp.handle(request, 'tenant-demo');
        answeredSessionIds.push(response.headers.get('mcp-session-id'));
        return response;
      },
    });
    await client.connect(transport);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await mcp?.close();
    await seeded?.close();
  });

  it('negotiates with server/discover and opens no session', () => {
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(posted[0]?.method).toBe('server/discover');
    expect(posted.map((p) => p.method)).not.toContain('initialize');
    expect(client.getServerVersion()?.name).toBe('ventros-agents');
  });

  it('lists the agent tools and answers a tools/call that carries the version in _meta', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'run_agent']);
    const result = await client.callTool({
      name: 'ask',
      arguments: { message: 'Quero cancelar, está muito caro', contact_id: 'contact-carlos' },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      agent_used: 'retention_churn',
      metadata: { tenant_id: 'tenant-demo', contact_id: 'contact-carlos' },
    });
    expect(result._meta?.[SERVER_INFO_KEY]).toMatchObject({ name: 'ventros-agents' });
    const call = posted.find((p) => p.method === 'tools/call');
    expect(call?.meta?.[VERSION_KEY]).toBe('2026-07-28');
    expect(posted.every((p) => p.sessionId === null)).toBe(true);
    expect(answeredSessionIds.every((id) => id === null)).toBe(true);
  });

  it('serves resources and prompts per request too', async () => {
    const agents = await client.readResource({ uri: 'ventros://agents' });
    expect(agents.contents[0]?.uri).toBe('ventros://agents');
    const prompt = await client.getPrompt({ name: 'retention_churn' });
    expect(prompt.messages.length).toBeGreaterThan(0);
  });

  it('still serves a 2025-11-25 client on the same endpoint, with a session', async () => {
    const legacy = new Client({ name: 'client-2025', version: '1.0.0' });
    await legacy.connect(
      new StreamableHTTPClientTransport(new URL('http://ventros.test/mcp'), {
        fetch: (url, init) => mcp.handle(new Request(url, init), 'tenant-demo'),
      }),
    );
    try {
      expect(legacy.getNegotiatedProtocolVersion()).toBe('2025-11-25');
      const { tools } = await legacy.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'run_agent']);
    } finally {
      await legacy.close();
    }
  });
});

describe('stdio servers on 2026-07-28', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ventros-modern-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const spawn = (args: string[]) => ventrosStdio(dataDir, { args });

  it('a tool server (ventros server format) answers server/discover and a call', { timeout: 90_000 }, async () => {
    const client = modernClient();
    await client.connect(spawn(['server', 'format']));
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      expect(client.getServerVersion()?.name).toBe('ventros-format');
      const result = await client.callTool({
        name: 'format_table',
        arguments: { title: 'T', columns: ['a', 'b'], rows: [[1, 2]] },
      });
      expect(result.isError).toBeFalsy();
      expect(JSON.stringify(result.structuredContent)).toContain('| a | b |');
      expect(result._meta?.[SERVER_INFO_KEY]).toMatchObject({ name: 'ventros-format' });
    } finally {
      await client.close();
    }
  });

  it('ventros mcp (as a 2026-07-28 desktop client launches it) lists and runs the agents', {
    timeout: 120_000,
  }, async () => {
    const client = modernClient();
    await client.connect(spawn(['mcp']));
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'run_agent']);
      const result = await client.callTool(
        { name: 'ask', arguments: { message: 'Quero cancelar, está muito caro', contact_id: 'contact-carlos' } },
        { timeout: 100_000 },
      );
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ agent_used: 'retention_churn' });
    } finally {
      await client.close();
    }
  });
});
