import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppMetrics, createHttpApp } from '../../../src/bridge/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

const MAX = 2_048;
let seeded: SeededApp;
let server: Server;
let base: string;

beforeAll(async () => {
  seeded = await createSeededApp();
  const http = createHttpApp({
    app: seeded.app,
    metrics: createAppMetrics().http,
    apiTokens: new Map(),
    defaultTenantId: 'tenant-demo',
    maxBodyBytes: MAX,
  });
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server;
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await seeded?.close();
});

/** A body sent as chunks (transfer-encoding: chunked, no content-length). */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 512) controller.enqueue(bytes.slice(i, i + 512));
      controller.close();
    },
  });
}

const post = (body: string | ReadableStream<Uint8Array>, extra: RequestInit = {}) =>
  fetch(`${base}/api/agents/message`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    ...extra,
  });

describe('the request body limit over real sockets', () => {
  const big = JSON.stringify({ message: 'x'.repeat(MAX) });

  it('refuses a body whose content-length is over the limit with 413', async () => {
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: 'payload_too_large', message: `request body over ${MAX} bytes` },
    });
  });

  it('refuses a chunked body that grows over the limit with 413', async () => {
    const res = await post(chunked(big), { duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('answers a body under the limit, sized or chunked', async () => {
    const body = JSON.stringify({ message: 'Quero cancelar, está muito caro', contact_id: 'contact-carlos' });
    const sized = await post(body);
    expect(sized.status).toBe(200);
    expect(((await sized.json()) as { agent_used: string }).agent_used).toBe('retention_churn');
    const streamed = await post(chunked(body), { duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(200);
    expect(((await streamed.json()) as { agent_used: string }).agent_used).toBe('retention_churn');
  });

  it('lets a GET through whatever its headers say', async () => {
    const res = await fetch(`${base}/api/agents`, { headers: { 'content-length': String(MAX * 10) } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total_count: number }).total_count).toBeGreaterThan(0);
  });
});
