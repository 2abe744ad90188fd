/**
 * CPU per offline message through `app.execute` (no broker, no HTTP): the seeded store, every builtin
 * tool server in process, SQLite sessions, the offline model. Four messages in rotation (retention,
 * support, BI, sales). Two rows, side by side:
 *
 * - steady-state session: one session per contact reused for every turn (the history grows to
 *   `turns` messages), as the RabbitMQ bridge sees a live conversation;
 * - fresh sessions: a new session id every message.
 *
 * CPU is `process.cpuUsage()` (user + system) over the measured turns, so it counts every thread of
 * the process (SQLite runs on the main thread; GC helpers may add a little). Wall ms is the mean of
 * one message at a time.
 *
 *   npx tsx bench/offline-message-cpu.bench.ts [turns=200] [warmup=40] [steady|fresh]
 *
 * A third argument runs only that row. `BENCH_VARIED_TEXTS=1` makes every message's text unique (see
 * support/rotation.ts). `VENTROS_BUILTIN_DIRECT=off` sends the builtin servers' tool calls
 * over MCP (in-memory transport) instead of the direct path, for A/B runs (see paired-cpu.ts). `BENCH_CPU_PROFILE=<dir>` writes a V8 CPU profile of the
 * measured turns only (no start-up, no warm-up) per row to <dir> (open it in Chrome DevTools).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { createSeededApp, type SeededApp } from '../test/support/seeded-app.js';
import { ROTATION, rotationMessage } from './support/rotation.js';
import { table } from './support/stats.js';

const TURNS = Number(process.argv[2] ?? 200);
const WARMUP = Number(process.argv[3] ?? 40);
type ExecuteRequest = Parameters<SeededApp['app']['execute']>[0];

const ONLY = process.argv[4] as 'steady' | 'fresh' | undefined;
const PROFILE_DIR = process.env['BENCH_CPU_PROFILE'];

/** Runs `fn` under the V8 sampling profiler when BENCH_CPU_PROFILE is set, writing `<name>.cpuprofile`. */
async function profiled(name: string, fn: () => Promise<void>): Promise<void> {
  if (!PROFILE_DIR) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

function request(i: number, session: 'steady' | 'fresh', round: string): ExecuteRequest {
  const { message, contactId } = rotationMessage(i);
  return {
    agent: 'auto',
    message,
    tenantId: 'tenant-demo',
    contactId,
    sessionId: session === 'steady' ? `cpu-${round}-${contactId}` : `cpu-${round}-${i}`,
  };
}

async function main(): Promise<void> {
  // The app's environment is isolated; this one knob passes through, for A/B runs of the direct path.
  const direct = process.env['VENTROS_BUILTIN_DIRECT'];
  const seeded = await createSeededApp(direct ? { env: { VENTROS_BUILTIN_DIRECT: direct } } : {});
  try {
    const rows: Record<string, string | number>[] = [];
    for (const session of ['steady', 'fresh'] as const) {
      if (ONLY && ONLY !== session) continue;
      const round = `${session}-${Date.now()}`;
      for (let i = 0; i < WARMUP; i++) await seeded.app.execute(request(i, session, `warm-${round}`));
      const cpu = process.cpuUsage();
      const started = performance.now();
      await profiled(session, async () => {
        for (let i = 0; i < TURNS; i++) await seeded.app.execute(request(i, session, round));
      });
      const wall = performance.now() - started;
      const used = process.cpuUsage(cpu);
      rows.push({
        sessions: session === 'steady' ? `steady-state (${TURNS / ROTATION.length} turns each)` : 'fresh',
        messages: TURNS,
        'CPU ms/message': (used.user + used.system) / 1000 / TURNS,
        'user ms': used.user / 1000 / TURNS,
        'sys ms': used.system / 1000 / TURNS,
        'wall ms/message': wall / TURNS,
      });
    }
    process.stdout.write(`offline message through app.execute, one at a time (Node ${process.version})\n`);
    process.stdout.write(`${table(rows)}\n`);
  } finally {
    await seeded.close();
  }
}

await main();
