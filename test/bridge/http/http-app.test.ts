import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgentsMcpServer,
  createHttpApp,
  HttpMetrics,
  McpHttpHandler,
  parseApiTokens,
} from '../../../src/bridge/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

let seeded: SeededApp;
let http: ReturnType<typeof createHttpApp>;
let authed: ReturnType<typeof createHttpApp>;
let mcp: McpHttpHandler;

beforeAll(async () => {
  seeded = await createSeededApp();
  mcp = new McpHttpHandler({ createServer: (tenantId) => createAgentsMcpServer(seeded.app, { tenantId }) });
  http = createHttpApp({
    app: seeded.app,
    metrics: new HttpMetrics(),
    apiTokens: new Map(),
    defaultTenantId: 'tenant-demo',
    mcp,
  });
  authed = createHttpApp({
    app: seeded.app,
    metrics: new HttpMetrics(),
    apiTokens: parseApiTokens('secret-acme:tenant-acme,widget-demo:tenant-demo:customer,staff-demo:tenant-demo:staff'),
    defaultTenantId: 'tenant-demo',
    mcp,
  });
});

afterAll(async () => {
  await mcp.close();
  await seeded.close();
});

const post = (app: typeof http, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('HTTP bridge', () => {
  it('reports health and lists the agents', async () => {
    const health = await http.request('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    const list = await http.request('/api/agents');
    const body = (await list.json()) as { agents: Array<{ type: string }>; total_count: number };
    expect(body.total_count).toBe(body.agents.length);
    expect(body.agents.map((a) => a.type)).toEqual(expect.arrayContaining(['retention_churn', 'sdr', 'bi_manager']));

    const one = await http.request('/api/agents/retention_churn');
    expect(await one.json()).toMatchObject({ type: 'retention_churn', category: 'retention' });
  });

  it('answers 404 with a JSON body for an unknown agent or route', async () => {
    const unknown = await http.request('/api/agents/no_such_agent');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });

    const execute = await post(http, '/api/agents/no_such_agent/execute', { message: 'oi' });
    expect(execute.status).toBe(404);

    const route = await http.request('/nope');
    expect(route.status).toBe(404);
    expect(await route.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('routes a cancellation message to retention and returns the execution result fields', async () => {
    const res = await post(http, '/api/agents/message', {
      message: 'Quero cancelar, está muito caro',
      contact_id: 'contact-carlos',
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as Record<string, unknown> & { tool_calls: Array<{ tool_name: string }> };
    expect(result).toMatchObject({
      agent_used: 'retention_churn',
      metadata: { tenant_id: 'tenant-demo', model: 'offline' },
    });
    for (const field of ['response', 'intent', 'confidence', 'suggested_actions', 'latency_ms', 'thoughts']) {
      expect(result).toHaveProperty(field);
    }
    expect(result.tool_calls.map((c) => c.tool_name)).toContain('search_memory');
  });

  it('rejects bad bodies with 400 and names the bad fields', async () => {
    const notJson = await post(http, '/api/agents/message', '{"message": ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({
      error: { code: 'invalid_argument', message: expect.stringContaining('not valid JSON') },
    });

    const missing = await post(http, '/api/agents/retention_churn/execute', { mesage: 'typo' });
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { error: { details: { issues: Array<{ path: string }> } } };
    expect(body.error.details.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['message']));

    const empty = await post(http, '/api/agents/message', { message: '   ' });
    expect(empty.status).toBe(400);
  });

  it('streams a run as server-sent events ending with the result', async () => {
    const res = await post(http, '/api/agents/retention_churn/stream', {
      message: 'Quero cancelar, está caro demais',
      contact_id: 'contact-carlos',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events).toContain('tool_call');
    expect(events).toContain('tool_result');
    expect(events.at(-1)).toBe('result');
  });

  it('binds the tenant to the bearer token, never to the body', async () => {
    const anonymous = await post(authed, '/api/agents/message', { message: 'oi' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });

    const wrong = await post(authed, '/api/agents/message', { message: 'oi' }, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);

    const res = await post(
      authed,
      '/api/agents/message',
      { message: 'Quais planos vocês têm?', tenant_id: 'tenant-demo' },
      { authorization: 'Bearer secret-acme' },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ metadata: { tenant_id: 'tenant-acme' } });
  });

  it('keeps execute, stream and /mcp for staff: a customer token gets 403 with a JSON error', async () => {
    const widget = { authorization: 'Bearer widget-demo' };
    for (const path of [
      '/api/agents/retention_churn/execute',
      '/api/agents/bi_manager/stream',
      '/api/agents/auto/execute',
    ]) {
      const res = await post(authed, path, { message: 'oi' }, widget);
      expect(res.status, path).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'permission_denied' } });
    }
    const mcpInit = await post(
      authed,
      '/mcp',
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} },
      { ...widget, accept: 'application/json, text/event-stream' },
    );
    expect(mcpInit.status).toBe(403);
    const staff = await post(
      authed,
      '/api/agents/bi_manager/execute',
      { message: 'quantos leads este mês?' },
      { authorization: 'Bearer staff-demo' },
    );
    expect(staff.status).toBe(200);
    expect(await staff.json()).toMatchObject({ agent_used: 'bi_manager' });
  });

  it('lets a staff caller run execute or stream as the customer, never a customer surface as staff', async () => {
    const staff = { authorization: 'Bearer staff-demo' };
    const asCustomer = await post(
      authed,
      '/api/agents/bi_manager/execute',
      { message: 'quantos leads?', audience: 'customer' },
      staff,
    );
    expect(asCustomer.status).toBe(403);
    expect(await asCustomer.json()).toMatchObject({ error: { code: 'permission_denied' } });
    const streamed = await post(
      authed,
      '/api/agents/bi_manager/stream',
      { message: 'quantos leads?', audience: 'customer' },
      staff,
    );
    expect(await streamed.text()).toMatch(/event: error\ndata: \{"type":"error","code":"permission_denied"/);
    const upgrade = await post(authed, '/api/agents/message', { message: 'oi', audience: 'staff' }, staff);
    expect(upgrade.status).toBe(403);
  });

  it("runs POST /api/agents/message as the customer's own message, whatever the token", async () => {
    for (const token of ['widget-demo', 'staff-demo']) {
      const res = await post(
        authed,
        '/api/agents/message',
        { message: 'Quantos leads vocês tiveram este mês?', contact_id: 'contact-carlos' },
        { authorization: `Bearer ${token}` },
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { agent_used: string; tool_calls: Array<{ tool_name: string }> };
      expect(['bi_manager', 'agent_analyzer']).not.toContain(body.agent_used);
      expect(body.tool_calls.map((c) => c.tool_name)).not.toContain('get_leads_count');
    }
  });

  it('exposes Prometheus metrics', async () => {
    await http.request('/health');
    const res = await http.request('/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('ventros_http_requests_total');
    expect(text).toMatch(/ventros_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
  });

  it('refuses /mcp requests addressed to another host (DNS rebinding) when no tokens protect it', async () => {
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    };
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const evil = await http.request('http://evil.example.com/mcp', {
      method: 'POST',
      headers: { ...headers, host: 'evil.example.com', origin: 'http://evil.example.com' },
      body: JSON.stringify(init),
    });
    expect(evil.status).toBe(403);
    const local = await http.request('http://127.0.0.1/mcp', {
      method: 'POST',
      headers: { ...headers, host: '127.0.0.1:8000' },
      body: JSON.stringify(init),
    });
    expect(local.status).toBe(200);
  });

  it('serves the agents over MCP Streamable HTTP at /mcp', async () => {
    const server = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new Client({ name: 'test', version: '1.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
      const tools = await client.listTools();
      expect(tools.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['ask', 'run_agent']));
      const progress: string[] = [];
      const result = await client.callTool(
        { name: 'ask', arguments: { message: 'Quero cancelar, está muito caro', contact_id: 'contact-carlos' } },
        { onprogress: (p) => progress.push(p.message ?? '') },
      );
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ agent_used: 'retention_churn' });
      expect(progress.some((m) => m.includes('search_memory'))).toBe(true);

      const bad = await client.callTool({ name: 'run_agent', arguments: { agent: 'nope', message: 'x' } });
      expect(bad.isError).toBe(true);

      const unknownSession = await fetch(`http://127.0.0.1:${port}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': 'nope',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(unknownSession.status).toBe(404);
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
