/**
 * CPU per offline message of a real `ventros serve` (no RabbitMQ) answering `POST /api/agents/message`,
 * in alternating phases so a loaded machine hurts every row alike: the body of bench/throughput.ts
 * (no session id: a new session a message) and the same body with a session a contact (what the
 * RabbitMQ bridge sees in that bench). CPU is the server process's (/proc), the load generator runs here.
 * The first row is what bench/throughput.ts measures for HTTP (a new process after a 1 s warm-up): it
 * carries the process's one-time costs (JIT compilation, first-use caches); the others are warm.
 *
 *   npx tsx bench/http-serve-cpu.bench.ts [--seconds 4] [--rounds 3] [--clients 16] [--warmup 1]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { treeUsage } from './support/proc-stats.js';
import { startServe } from './support/serve-process.js';
import { table } from './support/stats.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    clients: { type: 'string', default: '16' },
    warmup: { type: 'string', default: '1' },
  },
});
const SECONDS = Number(args.seconds);
const ROUNDS = Number(args.rounds);
const CLIENTS = Number(args.clients);
const WARMUP = Number(args.warmup);
const CONTACTS = 500;
const TEXTS = ['Quero cancelar, está muito caro', 'Qual o status do meu pedido?', 'Quero comprar o plano anual'];

type Phase = 'fresh session' | 'session per contact';

let next = 0;
function body(phase: Phase): string {
  const i = next++;
  const contact = `http-bench-contact-${i % CONTACTS}`;
  const text = TEXTS[i % TEXTS.length] as string;
  return JSON.stringify(
    phase === 'fresh session'
      ? { message: text, contact_id: contact }
      : { message: text, contact_id: contact, session_id: `bench-${contact}` },
  );
}

/** Closed loop: `CLIENTS` requests in flight for `seconds`; answered requests. */
async function load(url: string, phase: Phase, seconds: number): Promise<number> {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(phase),
        });
        await res.arrayBuffer();
        if (res.ok) done++;
      }
    }),
  );
  return done;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ventros-http-cpu-'));
  const serve = await startServe({
    workers: 1,
    env: { VENTROS_DATA_DIR: dataDir, VENTROS_MODEL: 'offline', LOG_LEVEL: 'warn' },
  });
  const url = `http://127.0.0.1:${serve.port}/api/agents/message`;
  const loadBefore = loadavg()[0] ?? 0;
  const totals = new Map<string, { cpu: number; n: number }>();
  const measure = async (name: string, phase: Phase, seconds: number) => {
    const before = treeUsage(serve.pid).cpuMs;
    const n = await load(url, phase, seconds);
    const cpu = treeUsage(serve.pid).cpuMs - before;
    const t = totals.get(name) ?? { cpu: 0, n: 0 };
    totals.set(name, { cpu: t.cpu + cpu, n: t.n + n });
  };
  try {
    // As bench/throughput.ts measures HTTP: a short warm-up, then the first seconds of a new process.
    await load(url, 'fresh session', WARMUP);
    await measure(
      `after a ${WARMUP} s warm-up: the next ${SECONDS * 2} s (fresh session)`,
      'fresh session',
      SECONDS * 2,
    );
    for (let round = 0; round < ROUNDS; round++) {
      const phases: Phase[] =
        round % 2 ? ['session per contact', 'fresh session'] : ['fresh session', 'session per contact'];
      for (const phase of phases) await measure(phase, phase, SECONDS);
    }
  } finally {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const rows = [...totals].map(([phase, t]) => ({ phase, messages: t.n, 'CPU ms/msg': t.cpu / t.n }));
  process.stdout.write(
    `ventros serve, offline, POST /api/agents/message, ${CLIENTS} clients, ${ROUNDS} rounds of ${SECONDS} s a phase (load ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)})\n${table(rows)}\n`,
  );
}

await main();
