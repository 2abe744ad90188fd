import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentsMcpServer, createHttpApp, HttpMetrics, McpHttpHandler } from '../../src/bridge/index.js';
import { runConformance } from '../support/conformance-suite.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';

let seeded: SeededApp;
let mcp: McpHttpHandler;
let server: ReturnType<typeof serve>;
let url: string;
let outDir: string;

beforeAll(async () => {
  seeded = await createSeededApp();
  mcp = new McpHttpHandler({ createServer: (tenantId) => createAgentsMcpServer(seeded.app, { tenantId }) });
  const http = createHttpApp({
    app: seeded.app,
    metrics: new HttpMetrics(),
    apiTokens: new Map(),
    defaultTenantId: 'tenant-demo',
    mcp,
  });
  server = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  outDir = await mkdtemp(path.join(tmpdir(), 'ventros-conformance-server-'));
});

afterAll(async () => {
  await mcp?.close();
  await new Promise((resolve) => server?.close(resolve));
  await seeded?.close();
  await rm(outDir, { recursive: true, force: true });
});

describe('MCP conformance suite, server scenarios (the agents at /mcp)', () => {
  it('passes every scenario outside the fixture-only baseline', { timeout: 120_000 }, async () => {
    const baseline = path.resolve('test/conformance/server-baseline.yml');
    const { code, output } = await runConformance(
      ['server', '--url', url, '--expected-failures', baseline, '-o', outDir],
      110_000,
    );
    expect(output).toMatch(/✓ server-initialize/);
    expect(output).toMatch(/✓ dns-rebinding-protection/);
    expect(output).toContain('Baseline check passed');
    expect(code).toBe(0);
  });
});
