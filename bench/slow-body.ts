/**
 * 30 clients send a JSON body at 1 byte/s to `POST /api/agents/message` on a real HTTP server with the
 * default limits (body timeout 10 s): how long each holds its connection, what it is answered, and
 * whether any is counted as a 5xx. Figures, not pass/fail.
 *
 *   npx tsx bench/slow-body.ts
 */
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { serve } from '@hono/node-server';
import { createAppMetrics, createHttpApp, httpServerOptions, limitConnections } from '../src/bridge/index.js';
import { createSeededApp } from '../test/support/seeded-app.js';

const CLIENTS = 30;
const limits = { headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000, maxConnections: 1024 };

const seeded = await createSeededApp();
const metrics = createAppMetrics();
const http = createHttpApp({
  app: seeded.app,
  metrics: metrics.http,
  apiTokens: new Map(),
  defaultTenantId: 'tenant-demo',
});
const server = await new Promise<Server>((resolve) => {
  const s = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1', serverOptions: httpServerOptions(limits) }, () =>
    resolve(s as Server),
  ) as Server;
});
limitConnections(server, limits.maxConnections);
const { port } = server.address() as AddressInfo;
const body = JSON.stringify({ message: 'Quero cancelar minha assinatura, está caro demais para mim agora' });

const started = performance.now();
const results = await Promise.all(
  Array.from(
    { length: CLIENTS },
    () =>
      new Promise<{ ms: number; status: string }>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let data = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          data += chunk;
        });
        socket.on('error', () => {});
        let i = 0;
        const timer = setInterval(() => {
          if (i < body.length && !socket.destroyed) socket.write(body[i++] ?? '');
        }, 1_000);
        socket.once('connect', () =>
          socket.write(
            `POST /api/agents/message HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
          ),
        );
        socket.once('close', () => {
          clearInterval(timer);
          resolve({ ms: performance.now() - started, status: data.split('\r\n')[0] ?? '(nothing)' });
        });
      }),
  ),
);
const ms = results.map((r) => r.ms).sort((a, b) => a - b);
const statuses = [...new Set(results.map((r) => r.status))];
const page = await metrics.registry.metrics();
const fiveXx = [...page.matchAll(/^ventros_http_requests_total\{[^}]*status="5\d\d"\} (\d+)/gm)].length;
process.stdout.write(
  `${CLIENTS} slow clients (1 byte/s): connections held ${(ms[0]! / 1000).toFixed(1)}–${(ms.at(-1)! / 1000).toFixed(1)} s; answered ${statuses.join(', ')}; 5xx series on /metrics: ${fiveXx}\n`,
);
server.closeAllConnections();
server.close();
await seeded.close();
