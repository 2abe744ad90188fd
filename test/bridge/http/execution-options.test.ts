import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, HttpMetrics, McpHttpHandler } from '../../../src/bridge/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

let seeded: SeededApp;
let model: ScriptedModel;
let http: ReturnType<typeof createHttpApp>;
let mcp: McpHttpHandler;

beforeAll(async () => {
  model = new ScriptedModel(['First.', 'Streamed.']);
  seeded = await createSeededApp({ model });
  mcp = new McpHttpHandler({ createServer: () => undefined as never });
  http = createHttpApp({
    app: seeded.app,
    metrics: new HttpMetrics(),
    apiTokens: new Map(),
    defaultTenantId: 'tenant-demo',
    mcp,
  });
}, 60_000);

afterAll(async () => {
  await mcp.close();
  await seeded?.close();
});

const post = (path: string, body: unknown) =>
  http.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('ExecutionOptions over HTTP (as over gRPC)', () => {
  it('passes max_tokens, temperature and the tools allow-list to the run', async () => {
    const response = await post('/api/agents/support_technical/execute', {
      message: 'O app não abre',
      options: { max_tokens: 300, temperature: 0.1, tools: ['create_ticket'] },
    });
    expect(response.status).toBe(200);
    const request = model.requests[0];
    expect(request).toMatchObject({ maxTokens: 300, temperature: 0.1 });
    expect((request?.tools ?? []).map((t) => t.name).filter((n) => n.includes('__'))).toEqual([
      'support__create_ticket',
    ]);
  });

  it('answers as server-sent events when stream_response asks for it', async () => {
    const response = await post('/api/agents/support_technical/execute', {
      message: 'Ainda não abre',
      options: { stream_response: true },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(text).toContain('event: result');
    expect(text).toContain('Streamed.');
  });

  it('refuses a timeout above 60 s and a temperature out of range with 400 and the field', async () => {
    const slow = await post('/api/agents/support_technical/execute', {
      message: 'oi',
      options: { timeout_ms: 120_000 },
    });
    expect(slow.status).toBe(400);
    expect(JSON.stringify(await slow.json())).toContain('timeoutMs');
    const hot = await post('/api/agents/support_technical/execute', { message: 'oi', options: { temperature: 5 } });
    expect(hot.status).toBe(400);
    expect(JSON.stringify(await hot.json())).toContain('options.temperature');
  });
});
