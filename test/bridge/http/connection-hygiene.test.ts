import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppMetrics, createHttpApp, httpServerOptions, limitConnections } from '../../../src/bridge/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

const limits = { headersTimeoutMs: 1_000, bodyTimeoutMs: 1_500, maxConnections: 4 };

let seeded: SeededApp;
let server: Server;
let port: number;
let metricsPage: () => Promise<string>;

beforeAll(async () => {
  seeded = await createSeededApp();
  const metrics = createAppMetrics();
  const http = createHttpApp({
    app: seeded.app,
    metrics: metrics.http,
    apiTokens: new Map(),
    defaultTenantId: 'tenant-demo',
    bodyTimeoutMs: limits.bodyTimeoutMs,
  });
  metricsPage = () => metrics.registry.metrics();
  server = await new Promise<Server>((resolve) => {
    const s = serve(
      { fetch: http.fetch, port: 0, hostname: '127.0.0.1', serverOptions: httpServerOptions(limits) },
      () => resolve(s as Server),
    ) as Server;
  });
  limitConnections(server, limits.maxConnections);
  port = (server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await seeded?.close();
});

/** A raw client: everything it received, and a promise that settles when the server closed it. */
function rawClient(): { socket: Socket; received: () => string; closed: Promise<void>; ready: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  let data = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    data += chunk;
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const ready = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => data, closed, ready };
}

/** Writes one byte a second from `text` until the socket closes or the text runs out. */
function trickle(socket: Socket, text: string): () => void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++] ?? '');
  }, 1_000);
  return () => clearInterval(timer);
}

const statuses = (page: string) =>
  [...page.matchAll(/^ventros_http_requests_total\{[^}]*status="(\d+)"\} (\d+)/gm)].map((m) => Number(m[1]));

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('HTTP connection hygiene (a real socket)', () => {
  it('cuts off a client sending its body at 1 byte/s with 408, closes the connection, and counts no 5xx', async () => {
    const client = rawClient();
    await client.ready;
    const body = JSON.stringify({ message: 'Quero cancelar minha assinatura agora mesmo, por favor' });
    client.socket.write(
      `POST /api/agents/message HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    const stop = trickle(client.socket, body);
    await client.closed;
    stop();
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(client.received()).toContain('"code":"request_timeout"');
    const page = await metricsPage();
    expect(statuses(page)).toContain(408);
    expect(statuses(page).filter((s) => s >= 500)).toEqual([]);
  }, 60_000);

  it('counts a client that goes away mid-body as 499, not as a 5xx', async () => {
    const client = rawClient();
    await client.ready;
    client.socket.write(
      'POST /api/agents/message HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"message": "Quero',
    );
    // Let the handler start reading the body, then vanish.
    await new Promise((r) => setTimeout(r, 300));
    client.socket.destroy();
    await until(async () => statuses(await metricsPage()).includes(499), 'the request to be recorded');
    expect(statuses(await metricsPage()).filter((s) => s >= 500)).toEqual([]);
  }, 60_000);

  it('cuts off a client sending its headers at 1 byte/s (Node answers 408 and closes)', async () => {
    const client = rawClient();
    await client.ready;
    client.socket.write('GET /health HTTP/1.1\r\n');
    const stop = trickle(client.socket, 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    await client.closed;
    stop();
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  }, 60_000);

  it('bounds concurrent connections: past the limit a new one is closed unanswered', async () => {
    const held = Array.from({ length: limits.maxConnections }, () => rawClient());
    await Promise.all(held.map((c) => c.ready));
    // The server accepts asynchronously: give it a moment to count the held connections.
    await until(
      () => new Promise((resolve) => server.getConnections((_, n) => resolve(n >= limits.maxConnections))),
      'the held connections to be counted',
    );
    const extra = rawClient();
    extra.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await extra.closed;
    expect(extra.received()).toBe('');
    for (const c of held) c.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    await until(
      () => new Promise((resolve) => server.getConnections((_, n) => resolve(n === 0))),
      'the held connections to close',
    );
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
  }, 60_000);
});
