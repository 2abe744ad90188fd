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
 * - `http steady`: the same, through HTTP with `session_id` in the body.
 *
 *   npx tsx bench/http-message-cpu.bench.ts [--rounds 6] [--block 50] [--warmup 80] [--contacts 500] [--concurrency 1]
 *
 * `BENCH_CPU_PROFILE=<dir>` writes one V8 CPU profile of all measured blocks to <dir>/http.cpuprofile.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
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
  },
});
const ROUNDS = Number(args.rounds);
const BLOCK = Number(args.block);
const WARMUP = Number(args.warmup);
const CONTACTS = Number(args.contacts);
const CONCURRENCY = Number(args.concurrency);
const TEXTS = ['Quero cancelar, está muito caro', 'Qual o status do meu pedido?', 'Quero comprar o plano anual'];
const PROFILE_DIR = process.env['BENCH_CPU_PROFILE'];

type Mode = 'execute fresh' | 'http fresh' | 'execute steady' | 'http steady';
const MODES: readonly Mode[] = ['execute fresh', 'http fresh', 'execute steady', 'http steady'];

async function main(): Promise<void> {
  const metrics = createAppMetrics({ processMetrics: true });
  const seeded = await createSeededApp({ observer: metrics.agents });
  const http = createHttpApp({
    app: seeded.app,
    metrics: metrics.http,
    apiTokens: new Map(),
    defaultTenantId: 'tenant-demo',
  });
  let n = 0;
  const one = async (mode: Mode): Promise<void> => {
    const i = n++;
    const contact = `bench-contact-${i % CONTACTS}`;
    const text = TEXTS[i % TEXTS.length] as string;
    const steady = mode.endsWith('steady');
    const contactId = steady ? contact : `http-${contact}`;
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
    const res = await http.request('http://127.0.0.1/api/agents/message', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: '127.0.0.1' },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  };
  const cpu: Record<Mode, number> = { 'execute fresh': 0, 'http fresh': 0, 'execute steady': 0, 'http steady': 0 };
  const count: Record<Mode, number> = { 'execute fresh': 0, 'http fresh': 0, 'execute steady': 0, 'http steady': 0 };
  const loadBefore = loadavg()[0] ?? 0;
  try {
    for (let i = 0; i < WARMUP; i++) await one(MODES[i % MODES.length] as Mode);
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
        let left = BLOCK;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (left-- > 0) await one(mode);
          }),
        );
        const used = process.cpuUsage(before);
        cpu[mode] += (used.user + used.system) / 1000;
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
    await seeded.close();
  }
  const rows = MODES.map((mode) => ({ mode, messages: count[mode], 'CPU ms/message': cpu[mode] / count[mode] }));
  process.stdout.write(
    `offline message, HTTP vs app.execute, ${ROUNDS} rounds of ${BLOCK} a mode, ${CONCURRENCY} at a time (Node ${process.version}, load ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)})\n${table(rows)}\n`,
  );
}

await main();
