/**
 * CPU per offline message through `POST /api/agents/message` next to `app.execute` with the same
 * request, in one process, in alternating blocks (A/B on a loaded machine): what the HTTP layer adds,
 * and what the request's shape (fresh session vs the bridge's steady one) adds. The seeded store, every
 * builtin tool server in process, SQLite sessions, the offline model, the app-level metrics observer as
 * `ventros serve` wires it. HTTP goes through `http.request()` (Hono, no socket: the socket layer of a
 * bare Hono route is ~0.1 ms, see bench/throughput.ts).
 *
 * Rows:
 * - `execute fresh`: `app.execute` as the HTTP route builds it for throughput.ts's body (no session id,
 *   a contact the store does not know): a new session every message;
 * - `http fresh`: the same body through `POST /api/agents/message`;
 * - `execute steady`: `app.execute` with a session per contact, as the RabbitMQ bridge sees the
 *   throughput bench's traffic (each contact's session reused);
 * - `http steady`: the same, through HTTP with `session_id` in the body;
 * - `socket fresh`: `http fresh` over a real socket (`@hono/node-server`), the client in a child process;
 * - `socket fresh (client here)`: the same socket, the client (`fetch`) in this process (its CPU counted);
 * - `execute as bridge`: the request `handleMessage` builds from a `message.received` event (idempotency
 *   key, deadline, message id, origin, the bridge's long-lived signal).
 *
 *   npx tsx bench/http-message-cpu.bench.ts [--rounds 6] [--block 50] [--warmup 80] [--contacts 500] [--concurrency 1]
 *     [--modes 'execute fresh,socket fresh']
 *
 * `BENCH_CPU_PROFILE=<dir>` writes one V8 CPU profile of all measured blocks to <dir>/http.cpuprofile.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ServerType, serve } from '@hono/node-server';
import { createAppMetrics, createHttpApp } from '../src/bridge/index.js';
import { createSeededApp } from '../test/support/seeded-app.js';
import { table } from './support/stats.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    block: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '80' },
    contacts: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '1' },
    modes: { type: 'string' },
  },
});
const ROUNDS = Number(args.rounds);
const BLOCK = Number(args.block);
const WARMUP = Number(args.warmup);
const CONTACTS = Number(args.contacts);
const CONCURRENCY = Number(args.concurrency);
const TEXTS = ['Quero cancelar, está muito caro', 'Qual o status do meu pedido?', 'Quero comprar o plano anual'];
const PROFILE_DIR = process.env['BENCH_CPU_PROFILE'];

type Mode =
  | 'execute fresh'
  | 'http fresh'
  | 'socket fresh'
  | 'socket fresh (client here)'
  | 'execute steady'
  | 'http steady'
  | 'execute as bridge';
const ALL_MODES: readonly Mode[] = [
  'execute fresh',
  'http fresh',
  'socket fresh',
  'socket fresh (client here)',
  'execute steady',
  'http steady',
  'execute as bridge',
];
/** `--modes 'socket fresh,http fresh'` runs only those. */
const MODES = args.modes ? ALL_MODES.filter((m) => args.modes?.split(',').includes(m)) : ALL_MODES;

/** A client in its own process (its CPU is not this one's): `count` posts, `concurrency` at a time. */
const CLIENT = `
const [url, count, concurrency, first] = process.argv.slice(1).map((v, i) => (i ? Number(v) : v));
const TEXTS = ${JSON.stringify(TEXTS)};
let next = first, left = count;
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (left-- > 0) {
    const i = next++;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: TEXTS[i % TEXTS.length], contact_id: 'http-bench-contact-' + (i % ${CONTACTS}) }) });
    await res.arrayBuffer();
    if (res.status !== 200) process.exit(2);
  }
}));`;

function socketClient(url: string, count: number, first: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', CLIENT, url, String(count), String(CONCURRENCY), String(first)],
    {
      stdio: 'inherit',
    },
  );
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the client exited with ${code}`)))),
  );
}

async function main(): Promise<void> {
  const metrics = createAppMetrics({ processMetrics: true });
  const seeded = await createSeededApp({ observer: metrics.agents });
  const http = createHttpApp({
    app: seeded.app,
    metrics: metrics.http,
    apiTokens: new Map(),
    defaultTenantId: 'tenant-demo',
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/agents/message`;
  let n = 0;
  /** One block of `count` messages of a mode, `CONCURRENCY` at a time. */
  const block = async (mode: Mode, count: number): Promise<void> => {
    if (mode === 'socket fresh') {
      await socketClient(url, count, n);
      n += count;
      return;
    }
    let left = count;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (left-- > 0) await one(mode);
      }),
    );
  };
  const one = async (mode: Mode): Promise<void> => {
    const i = n++;
    const contact = `bench-contact-${i % CONTACTS}`;
    const text = TEXTS[i % TEXTS.length] as string;
    const steady = mode.endsWith('steady') || mode === 'execute as bridge';
    const contactId = steady ? contact : `http-${contact}`;
    if (mode === 'execute as bridge') {
      // As handleMessage builds it from a `message.received` event.
      await seeded.app.execute({
        agent: 'auto',
        message: text,
        tenantId: 'tenant-demo',
        contactId,
        sessionId: `bench-${contact}`,
        messageId: `bench-${i}`,
        idempotencyKey: randomUUID(),
        timeoutMs: 30_000,
        audience: 'customer',
        channelId: 'bench',
        origin: { surface: 'amqp', event_id: `event-${i}`, message_id: `bench-${i}` },
        signal: closing.signal,
      });
      return;
    }
    if (mode.startsWith('execute')) {
      await seeded.app.execute({
        agent: 'auto',
        message: text,
        tenantId: 'tenant-demo',
        contactId,
        audience: 'customer',
        ...(steady ? { sessionId: `bench-${contact}` } : {}),
      });
      return;
    }
    const body = { message: text, contact_id: contactId, ...(steady ? { session_id: `bench-${contact}` } : {}) };
    const here = mode === 'socket fresh (client here)';
    const send = here ? (_target: string, init: RequestInit) => fetch(url, init) : http.request.bind(http);
    const res = await send('http://127.0.0.1/api/agents/message', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: '127.0.0.1' },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  };
  const closing = new AbortController();
  const cpu = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>;
  const count = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>;
  const sys = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>;
  const loadBefore = loadavg()[0] ?? 0;
  try {
    for (const mode of MODES) await block(mode, Math.ceil(WARMUP / MODES.length));
    const session = PROFILE_DIR ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
    }
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round so no mode always runs first (GC debt, caches).
      for (let m = 0; m < MODES.length; m++) {
        const mode = MODES[(m + round) % MODES.length] as Mode;
        const before = process.cpuUsage();
        await block(mode, BLOCK);
        const used = process.cpuUsage(before);
        cpu[mode] += (used.user + used.system) / 1000;
        sys[mode] += used.system / 1000;
        count[mode] += BLOCK;
      }
    }
    if (session && PROFILE_DIR) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(PROFILE_DIR, { recursive: true });
      writeFileSync(join(PROFILE_DIR, 'http.cpuprofile'), JSON.stringify(profile));
      session.disconnect();
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await seeded.close();
  }
  const rows = MODES.map((mode) => ({
    mode,
    messages: count[mode],
    'CPU ms/message': cpu[mode] / count[mode],
    'of which sys': sys[mode] / count[mode],
  }));
  process.stdout.write(
    `offline message, HTTP vs app.execute, ${ROUNDS} rounds of ${BLOCK} a mode, ${CONCURRENCY} at a time (Node ${process.version}, load ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)})\n${table(rows)}\n`,
  );
}

await main();
