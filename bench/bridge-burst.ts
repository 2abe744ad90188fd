/**
 * The RabbitMQ bridge alone, quickly: an offline `ventros serve` (a real subprocess, fresh data dir and
 * vhost), a warm-up burst, then `rounds` bursts of `messages` over `contacts` contacts (a session per
 * contact: the throughput bench's traffic). Prints msg/s, CPU ms and write syscalls (SQLite's WAL
 * frames are two each) per message per round, and their median — bench/throughput.ts's "RabbitMQ bridge (burst)" row in a minute instead of three.
 *
 * `--against DIR` is an A/B: a second serve from another checkout (its own code, data dir and vhost)
 * takes every other burst, alternating which goes first, so the machine's drift (±20 % between runs
 * here) hits both sides within seconds; read the median of B/A per round.
 *
 * `--profile FILE` writes a V8 CPU profile of (A's) serve over the measured bursts only (a preload module
 * starts and stops the profiler on SIGUSR2).
 *
 *   npx tsx bench/bridge-burst.ts [--messages 1000] [--rounds 5] [--warmup 3000] [--contacts 500]
 *     [--concurrency 256] [--node-options=--max-semi-space-size=32] [--against DIR] [--profile FILE]
 *     [--http [--seconds 4] [--clients 16]] [--closed N [--seconds 4]] [--workers 1]
 *
 * `--closed N`: instead of a burst, a closed loop through the bridge — N messages in flight, the next
 * published when one is answered — for `seconds` (throughput.ts's "N in flight" row); `--closed 1` is
 * the latency of one message at a time. `--http` and `--closed` rows add p50/p99 latency.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { freshVhost, type TestVhost } from '../test/support/rabbitmq-vhost.js';
import type { ServeSubprocess, ServeSubprocessOptions } from '../test/support/serve-subprocess.js';
import { AmqpLoad, type Sample } from './support/amqp-load.js';
import { httpLoad } from './support/http-load.js';
import { treeUsage } from './support/proc-stats.js';
import { percentile, table } from './support/stats.js';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3000' },
    contacts: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '256' },
    'node-options': { type: 'string', default: '' },
    against: { type: 'string' },
    http: { type: 'boolean', default: false },
    workers: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '4' },
    clients: { type: 'string', default: '16' },
    profile: { type: 'string' },
    closed: { type: 'string' },
  },
});
const CONTACTS = Number(args.contacts);
const TEXTS = ['Quero cancelar, está muito caro', 'Qual o status do meu pedido?', 'Quero comprar o plano anual'];

/** One side of the run: a serve of one checkout with its vhost, data dir and load. */
interface Side {
  name: string;
  serve: ServeSubprocess;
  vhost: TestVhost;
  dataDir: string;
  load: AmqpLoad;
}

async function startSide(name: string, checkout: string, profile?: string): Promise<Side> {
  const { startServeSubprocess } = (await import(
    pathToFileURL(resolve(checkout, 'test/support/serve-subprocess.ts')).href
  )) as { startServeSubprocess: (o: ServeSubprocessOptions) => Promise<ServeSubprocess> };
  const vhost = await freshVhost('ventros-bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'ventros-bridge-burst-'));
  const serve = await startServeSubprocess({
    workers: Number(args.workers),
    startDeadlineMs: 120_000,
    env: {
      VENTROS_DATA_DIR: dataDir,
      RABBITMQ_URL: vhost.url,
      VENTROS_AMQP_PARTITIONS: '8',
      VENTROS_AMQP_CONCURRENCY: args.concurrency,
      LOG_LEVEL: 'warn',
      VENTROS_MODEL: 'offline',
      NODE_OPTIONS: [
        args['node-options'],
        profile ? `--import ${join(import.meta.dirname, 'support/cpu-profile-on-signal.mjs')}` : '',
      ].join(' '),
      ...(profile ? { CPUPROF_OUT: profile } : {}),
    },
  });
  const load = await AmqpLoad.open(vhost.url, (i) => ({
    contact: `bench-contact-${i % CONTACTS}`,
    text: TEXTS[i % TEXTS.length] as string,
  }));
  return { name, serve, vhost, dataDir, load };
}

async function stopSide(side: Side): Promise<void> {
  await side.load.close();
  await side.serve.stop();
  await side.vhost.drop();
  rmSync(side.dataDir, { recursive: true, force: true });
}

/** A process and its descendants (`--workers`), from /proc's children lists; bounded by the tree's size. */
function treePids(root: number): number[] {
  const pids = [root];
  for (let i = 0; i < pids.length && i < 64; i++) {
    try {
      for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, 'utf8').trim();
        if (children) pids.push(...children.split(' ').map(Number));
      }
    } catch {
      // Gone meanwhile: it made no more writes.
    }
  }
  return pids;
}

/** Write syscalls (write, pwrite: SQLite's WAL frames, the broker socket) a process tree made so far. */
function writeCalls(root: number): number {
  let writes = 0;
  for (const pid of treePids(root)) {
    try {
      writes += Number(/syscw: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return writes;
}

/**
 * `--http`: instead of a burst, `clients` closed-loop clients POST /api/agents/message for `seconds`, on
 * the same contacts and texts, a session a contact (bench/throughput.ts's HTTP row).
 */
function httpRound(side: Side): Promise<Sample> {
  return httpLoad(
    `http://127.0.0.1:${side.serve.port}/api/agents/message`,
    (i) => {
      const contact = `http-contact-${i % CONTACTS}`;
      return {
        message: TEXTS[i % TEXTS.length],
        contact_id: contact,
        session_id: `bench-${contact}`,
        channel_id: 'bench',
      };
    },
    Number(args.clients),
    Number(args.seconds),
  );
}

interface RoundResult {
  msgPerS: number;
  cpuMs: number;
  writes: number;
  errors: number;
  p50: number;
  p99: number;
}

/** One measured round of the chosen traffic (burst, `--http` or `--closed`). */
function measuredTraffic(side: Side): Promise<Sample> {
  if (args.http) return httpRound(side);
  if (args.closed) return side.load.closedLoop(Number(args.closed), Number(args.seconds));
  return side.load.run(Number(args.messages));
}

async function burst(side: Side): Promise<RoundResult> {
  const before = treeUsage(side.serve.pid).cpuMs;
  const writesBefore = writeCalls(side.serve.pid);
  const sample = await measuredTraffic(side);
  const cpu = treeUsage(side.serve.pid).cpuMs - before;
  return {
    msgPerS: (sample.done / sample.elapsedMs) * 1000,
    cpuMs: cpu / sample.done,
    writes: (writeCalls(side.serve.pid) - writesBefore) / sample.done,
    errors: sample.errors,
    p50: percentile(sample.latencies, 50),
    p99: percentile(sample.latencies, 99),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

const sides = [await startSide('A', join(import.meta.dirname, '..'), args.profile)];
if (args.against) sides.push(await startSide('B', args.against));
const rows: Record<string, string | number>[] = [];
try {
  for (const side of sides) {
    if (args.http) await httpRound(side);
    await side.load.run(Number(args.warmup));
  }
  if (args.profile) sides[0]?.serve.child.kill('SIGUSR2');
  for (let round = 1; round <= Number(args.rounds); round++) {
    const order = round % 2 === 1 ? sides : [...sides].reverse();
    const results = new Map<string, RoundResult>();
    for (const side of order) results.set(side.name, await burst(side));
    const row: Record<string, string | number> = { round };
    for (const side of sides) {
      const r = results.get(side.name) as RoundResult;
      row[`${side.name} msg/s`] = r.msgPerS;
      row[`${side.name} CPU ms/msg`] = r.cpuMs;
      row[`${side.name} writes/msg`] = r.writes;
      if (args.http || args.closed) {
        row[`${side.name} p50 ms`] = r.p50;
        row[`${side.name} p99 ms`] = r.p99;
      }
      if (r.errors > 0) row[`${side.name} errors`] = r.errors;
    }
    if (sides.length === 2) row['B/A CPU'] = (row['B CPU ms/msg'] as number) / (row['A CPU ms/msg'] as number);
    rows.push(row);
  }
  const summary: Record<string, string | number> = { round: 'median' };
  for (const key of Object.keys(rows[0] ?? {})) {
    if (key !== 'round') summary[key] = median(rows.map((r) => r[key] as number));
  }
  rows.push(summary);
  process.stdout.write(`${table(rows)}\n`);
  if (args.profile) {
    const serve = sides[0]?.serve as ServeSubprocess;
    serve.child.kill('SIGUSR2');
    for (let i = 0; i < 300 && !serve.stderr().includes('cpuprofile written'); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
} finally {
  for (const side of sides) await stopSide(side);
}
