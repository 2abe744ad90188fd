import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, HttpMetrics, McpHttpHandler } from '../../../src/bridge/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

let seeded: SeededApp;
let http: ReturnType<typeof createHttpApp>;
let mcp: McpHttpHandler;

beforeAll(async () => {
  seeded = await createSeededApp();
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

/** Routes that are no REST API: MCP's own protocol, the WebSocket, the playground's page and assets. */
const NOT_REST = new Set(['/mcp', '/ws/agent', '/', '/assets/*', '/*']);

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document whose request and result schemas come from the validating zod schemas', async () => {
    const response = await http.request('/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas['ExecuteRequest']?.required).toEqual(['message']);
    expect(Object.keys(doc.components.schemas['ExecuteRequest']?.properties ?? {})).toEqual(
      expect.arrayContaining(['message', 'contact_id', 'agent_id', 'options']),
    );
    expect(doc.components.schemas['ExecutionResult']?.required).toEqual(
      expect.arrayContaining(['response', 'agent_used']),
    );
  });

  it('documents every route the app serves', async () => {
    const doc = (await (await http.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = http.routes
      .filter((r) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
      .map((r) => ({ method: r.method.toLowerCase(), path: r.path.replace(/:(\w+)/g, '{$1}') }))
      .filter((r) => !NOT_REST.has(r.path));
    const missing = served
      .filter((r) => doc.paths[r.path]?.[r.method] === undefined)
      .map((r) => `${r.method} ${r.path}`);
    expect([...new Set(missing)]).toEqual([]);
    expect(served.length).toBeGreaterThan(10);
  });
});
