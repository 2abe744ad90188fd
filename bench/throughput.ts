/**
 * Throughput of one instance, side by side in one run: messages a second, CPU ms a message, p50/p99
 * latency and peak RSS for the RabbitMQ bridge and for `POST /api/agents/message`, with the offline
 * model and with a model that takes `--latency-ms` (default 1 s) a call — the mock LLM speaking the real
 * Anthropic API to the real SDK — for `ventros serve` with 1 and 2 workers; and the ceiling of a bare
 * Hono route on the same machine.
 *
 * Every server is a real `ventros serve` subprocess (fresh data dir; one fresh RabbitMQ vhost for the
 * run, `VENTROS_AMQP_PARTITIONS=8` so 1 and 2 workers run the same topology). CPU and RSS are the
 * server's process tree's (/proc), not this process's: the load generator, the broker and the mock run
 * beside it on the same cores.
 *
 * - HTTP: `--http-clients` (offline) / `--http-clients-slow` (latency model) clients in a closed loop for
 *   `--seconds`; latency is the request's.
 * - RabbitMQ, offline, `N in flight`: the HTTP row's closed loop (`--http-clients` messages in flight,
 *   the next published when one is answered, for `--seconds`), so HTTP and the bridge are compared on
 *   the same traffic pattern.
 * - RabbitMQ, offline, burst: `--messages` published at once; msg/s = answered / time to the last answer;
 *   latency is publish → `message.outbound` received, queueing included.
 * - RabbitMQ, latency model: open loop at `--rate` msg/s for `--rate-seconds` (a steady offered load, as
 *   a CRM sends it), with `--concurrency` runs in flight a worker; msg/s = answered / time to the last
 *   answer, so an instance that falls behind shows it in msg/s and in p99.
 *
 *   npx tsx bench/throughput.ts [--seconds 8] [--messages 1000] [--rate 120] [--rate-seconds 15]
 *     [--latency-ms 1000] [--concurrency 256] [--workers 1,2] [--http-clients 16] [--http-clients-slow 200]
 *
 * Needs RabbitMQ on 127.0.0.1:5672 (guest) and `rabbitmqctl` (for the vhost). Takes about 3 minutes.
 *
 * Both paths send the same kind of traffic (see `httpBody`): a session per contact on the `bench`
 * channel, 500 contacts, the same three texts. An offline instance is warmed on both paths (3 s of HTTP,
 * a burst of 500 RabbitMQ messages) before its rows are measured.
 *
 * What a message costs depends on how many runs move in step: runs that arrive in one event-loop turn
 * go on together (startTogether), a step of each in turn, and share what a step warms. The burst hands
 * the bridge its deliveries in batches; HTTP's 16 clients send whenever their answer came, and most
 * turns still see several requests; the bridge's `N in flight` loop goes through the broker between an
 * answer and the next message, so fewer arrive together and a message costs more there. The HTTP layer
 * alone (bench/http-layer-cpu.bench.ts) is ~0.1 ms a request over a bare Hono route.
 *
 * `--ab ROUNDS` compares the paths on one warm instance instead (offline, 1 worker): after a warm-up of
 * each, ROUNDS rounds of an HTTP phase, a RabbitMQ closed loop as many in flight and a RabbitMQ burst,
 * in rotating order, summed per path. The table measures HTTP first in a process warmed for a few seconds only, so its HTTP row may
 * still carry one-time costs (JIT compilation, first-use caches) that `--ab` leaves out.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freeLoopbackPort } from '../test/support/free-port.js';
import { type MockLlm, startMockLlm } from '../test/support/mock-llm/index.js';
import { freshVhost } from '../test/support/rabbitmq-vhost.js';
import { AmqpLoad, type Sample } from './support/amqp-load.js';
import { httpLoad } from './support/http-load.js';
import { treeUsage, watchRss } from './support/proc-stats.js';
import { startServe } from './support/serve-process.js';
import { percentile, table } from './support/stats.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    messages: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '120' },
    'rate-seconds': { type: 'string', default: '15' },
    'latency-ms': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '256' },
    workers: { type: 'string', default: '1,2' },
    'http-clients': { type: 'string', default: '16' },
    'http-clients-slow': { type: 'string', default: '200' },
    ab: { type: 'string' },
  },
});
const SECONDS = Number(args.seconds);
const MESSAGES = Number(args.messages);
const RATE = Number(args.rate);
const RATE_SECONDS = Number(args['rate-seconds']);
const LATENCY_MS = Number(args['latency-ms']);
const CONCURRENCY = Number(args.concurrency);
const WORKERS = (args.workers ?? '1,2').split(',').map(Number);
const HTTP_CLIENTS = Number(args['http-clients']);
const HTTP_CLIENTS_SLOW = Number(args['http-clients-slow']);
const PARTITIONS = 8;
/** Distinct contacts the load is spread over (one contact is answered one message at a time). */
const CONTACTS = 500;
const TEXTS = ['Quero cancelar, está muito caro', 'Qual o status do meu pedido?', 'Quero comprar o plano anual'];

type Row = Record<string, string | number>;
/** Lines printed under the table (model calls and connections). */
const notes: string[] = [];

function payload(i: number) {
  return { contact: `bench-contact-${i % CONTACTS}`, text: TEXTS[i % TEXTS.length] as string };
}

/**
 * The warm-up of an offline instance before the table measures it: seconds of HTTP, then RabbitMQ
 * messages at once. With 1 s of HTTP alone, the HTTP row (measured first) carried most of the process's
 * JIT compilation: 5.2 ms/msg for its first 8 s against 3.2 warm (bench/http-serve-cpu.bench.ts).
 */
const WARMUP_HTTP_SECONDS = 3;
const WARMUP_MESSAGES = 500;

/**
 * The HTTP body of the `i`-th message: the same traffic as the RabbitMQ load (bench/support/amqp-load.ts)
 * — a session per contact and the `bench` channel — on contacts of its own (`http-` prefixed), so
 * neither row continues the other's conversations. Without `session_id` every message opened a new
 * session, a different run from the bridge's.
 */
function httpBody(i: number) {
  const { contact, text } = payload(i);
  return { message: text, contact_id: `http-${contact}`, session_id: `bench-http-${contact}`, channel_id: 'bench' };
}

function row(what: string, model: string, workers: number | string, sample: Sample, cpuMs: number, rss: number): Row {
  return {
    path: what,
    model,
    workers: String(workers),
    messages: String(sample.done),
    errors: String(sample.errors),
    'msg/s': (sample.done / sample.elapsedMs) * 1000,
    'CPU ms/msg': sample.done > 0 ? cpuMs / sample.done : Number.NaN,
    'p50 ms': percentile(sample.latencies, 50),
    'p99 ms': percentile(sample.latencies, 99),
    'RSS MB (peak)': rss / 1e6,
  };
}

/** A bare Hono route in its own process: the HTTP ceiling of this machine, the same load generator. */
async function honoCeiling(): Promise<Row> {
  const port = await freeLoopbackPort();
  const script = `
    import { serve } from '@hono/node-server';
    import { Hono } from 'hono';
    const app = new Hono();
    app.post('/api/agents/message', async (c) => c.json({ response: 'ok', echo: (await c.req.json()).message }));
    serve({ fetch: app.fetch, port: ${port}, hostname: '127.0.0.1' }, () => process.stderr.write('ready\\n'));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', () => reject(new Error('the bare Hono server exited')));
  });
  const url = `http://127.0.0.1:${port}/api/agents/message`;
  const body = (i: number) => ({ message: payload(i).text });
  await httpLoad(url, body, HTTP_CLIENTS, 1);
  const rss = watchRss(child.pid as number);
  const before = treeUsage(child.pid as number).cpuMs;
  const sample = await httpLoad(url, body, 64, SECONDS);
  const cpu = treeUsage(child.pid as number).cpuMs - before;
  rss.stop();
  child.kill('SIGTERM');
  return row('bare Hono route', '-', 1, sample, cpu, rss.peak());
}

/** One `ventros serve` (offline or on the slow mock): an HTTP phase, then a RabbitMQ phase. */
async function serveRows(workers: number, slow: boolean, mock: MockLlm, rabbitUrl: string): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ventros-throughput-'));
  const serve = await startServe({
    workers,
    env: {
      VENTROS_DATA_DIR: dataDir,
      RABBITMQ_URL: rabbitUrl,
      VENTROS_AMQP_PARTITIONS: String(PARTITIONS),
      VENTROS_AMQP_CONCURRENCY: String(CONCURRENCY),
      LOG_LEVEL: 'warn',
      ...(slow
        ? {
            VENTROS_MODEL: 'anthropic:claude-sonnet-4-6',
            ANTHROPIC_API_KEY: 'sk-ant-bench-dummy',
            ANTHROPIC_BASE_URL: mock.anthropicBaseUrl,
          }
        : { VENTROS_MODEL: 'offline' }),
    },
  });
  const model = slow ? `${LATENCY_MS} ms` : 'offline';
  const rows: Row[] = [];
  const load = await AmqpLoad.open(rabbitUrl, payload);
  try {
    const url = `http://127.0.0.1:${serve.port}/api/agents/message`;
    const body = httpBody;
    // Warm-up of both paths before either is measured: JIT, SQLite pages, the SDK's connections.
    await httpLoad(url, body, slow ? 50 : HTTP_CLIENTS, slow ? 2 : WARMUP_HTTP_SECONDS);
    if (!slow) await load.run(WARMUP_MESSAGES);
    const rss = watchRss(serve.pid);
    const callsBefore = mock.answered;
    const connsBefore = mock.connections;
    let before = treeUsage(serve.pid).cpuMs;
    const http = await httpLoad(url, body, slow ? HTTP_CLIENTS_SLOW : HTTP_CLIENTS, SECONDS);
    rows.push(
      row('HTTP POST /api/agents/message', model, workers, http, treeUsage(serve.pid).cpuMs - before, rss.peak()),
    );
    if (!slow) {
      // The bridge under the HTTP row's traffic pattern: the same number in flight, one after another.
      before = treeUsage(serve.pid).cpuMs;
      const loop = await load.closedLoop(HTTP_CLIENTS, SECONDS);
      rows.push(
        row(
          `RabbitMQ bridge (${HTTP_CLIENTS} in flight)`,
          model,
          workers,
          loop,
          treeUsage(serve.pid).cpuMs - before,
          rss.peak(),
        ),
      );
    }
    before = treeUsage(serve.pid).cpuMs;
    const amqp = slow ? await load.run(Math.round(RATE * RATE_SECONDS), RATE) : await load.run(MESSAGES);
    const path = slow ? `RabbitMQ bridge (${RATE}/s offered)` : 'RabbitMQ bridge (burst)';
    rows.push(row(path, model, workers, amqp, treeUsage(serve.pid).cpuMs - before, rss.peak()));
    rss.stop();
    if (slow) {
      const calls = mock.answered - callsBefore;
      notes.push(
        `${workers} worker(s), ${model} model: ${calls} model calls for ${http.done + amqp.done} messages over ${mock.connections - connsBefore} new TCP connections to the model API`,
      );
    }
  } finally {
    await load.close();
    const code = await serve.stop();
    if (code !== 0) process.stderr.write(`  serve exited with ${code}\n`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** Waits (at most 30 s) until the server's tree uses under 10 % of a core over 500 ms; its CPU ms then. */
async function settle(pid: number): Promise<number> {
  let last = treeUsage(pid).cpuMs;
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = treeUsage(pid).cpuMs;
    if (now - last < 50) return now;
    last = now;
  }
  return last;
}

/** `--ab`: HTTP and RabbitMQ alternately on one warm offline instance; one row per path, summed. */
async function abRows(rounds: number, rabbitUrl: string): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ventros-throughput-'));
  const serve = await startServe({
    workers: 1,
    env: {
      VENTROS_DATA_DIR: dataDir,
      RABBITMQ_URL: rabbitUrl,
      VENTROS_AMQP_PARTITIONS: String(PARTITIONS),
      VENTROS_AMQP_CONCURRENCY: String(CONCURRENCY),
      LOG_LEVEL: 'warn',
      VENTROS_MODEL: 'offline',
    },
  });
  const load = await AmqpLoad.open(rabbitUrl, payload);
  const url = `http://127.0.0.1:${serve.port}/api/agents/message`;
  const body = httpBody;
  const paths = ['http', 'loop', 'amqp'] as const;
  type Path = (typeof paths)[number];
  const sum = Object.fromEntries(paths.map((p) => [p, { cpu: 0, done: 0, errors: 0, ms: 0 }])) as Record<
    Path,
    { cpu: number; done: number; errors: number; ms: number }
  >;
  const latencies = Object.fromEntries(paths.map((p) => [p, [] as number[]])) as Record<Path, number[]>;
  const tails = Object.fromEntries(paths.map((p) => [p, 0])) as Record<Path, number>;
  const phase = (path: Path): Promise<Sample> =>
    path === 'http'
      ? httpLoad(url, body, HTTP_CLIENTS, SECONDS)
      : path === 'loop'
        ? load.closedLoop(HTTP_CLIENTS, SECONDS)
        : load.run(MESSAGES);
  try {
    for (const path of paths) await phase(path);
    for (let round = 0; round < rounds; round++) {
      // Each round starts with the next path, so none always follows the same one.
      for (let p = 0; p < paths.length; p++) {
        const path = paths[(p + round) % paths.length] as Path;
        const before = treeUsage(serve.pid).cpuMs;
        const sample = await phase(path);
        const answered = treeUsage(serve.pid).cpuMs;
        // Work a path leaves running after its last answer (background writes) is its own, not the next phase's.
        tails[path] += (await settle(serve.pid)) - answered;
        sum[path].cpu += treeUsage(serve.pid).cpuMs - before;
        sum[path].done += sample.done;
        sum[path].errors += sample.errors;
        sum[path].ms += sample.elapsedMs;
        latencies[path].push(...sample.latencies);
      }
    }
  } finally {
    await load.close();
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const as = (path: Path): Sample => ({
    done: sum[path].done,
    errors: sum[path].errors,
    elapsedMs: sum[path].ms,
    latencies: latencies[path],
  });
  const tail = (path: Path) => (tails[path] / sum[path].done).toFixed(2);
  notes.push(
    `after the last answer (until the server idles): HTTP ${tail('http')}, RabbitMQ ${HTTP_CLIENTS} in flight ${tail('loop')}, burst ${tail('amqp')} ms/msg (counted in the rows)`,
  );
  return [
    row(`HTTP POST /api/agents/message (warm, ${rounds} rounds)`, 'offline', 1, as('http'), sum.http.cpu, Number.NaN),
    row(
      `RabbitMQ bridge (${HTTP_CLIENTS} in flight; warm, ${rounds} rounds)`,
      'offline',
      1,
      as('loop'),
      sum.loop.cpu,
      Number.NaN,
    ),
    row(`RabbitMQ bridge (burst; warm, ${rounds} rounds)`, 'offline', 1, as('amqp'), sum.amqp.cpu, Number.NaN),
  ];
}

async function main(): Promise<void> {
  if (args.ab) {
    const vhost = await freshVhost('ventros-throughput');
    const loadBefore = loadavg()[0] ?? 0;
    try {
      const rows = await abRows(Number(args.ab), vhost.url);
      process.stdout.write(
        `HTTP vs RabbitMQ on one warm offline instance (load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after)\n${table(rows)}\n${notes.join('\n')}\n`,
      );
    } finally {
      await vhost.drop().catch(() => undefined);
    }
    return;
  }
  const vhost = await freshVhost('ventros-throughput');
  const mock = await startMockLlm({ latencyMs: LATENCY_MS, record: false });
  mock.setHandler(() => ({ text: 'Certo! Já verifiquei e te respondo por aqui.' }));
  const rows: Row[] = [];
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  try {
    process.stderr.write('bare Hono route...\n');
    rows.push(await honoCeiling());
    for (const workers of WORKERS) {
      for (const slow of [false, true]) {
        process.stderr.write(`serve --workers ${workers}, ${slow ? `${LATENCY_MS} ms model` : 'offline'}...\n`);
        rows.push(...(await serveRows(workers, slow, mock, vhost.url)));
      }
    }
  } finally {
    await mock.close();
    await vhost.drop().catch(() => undefined);
  }
  process.stdout.write(
    `throughput, ${new Date().toISOString().slice(0, 10)}, ${Math.round((Date.now() - started) / 1000)} s: ` +
      `HTTP ${SECONDS} s closed loop (${HTTP_CLIENTS} clients offline, ${HTTP_CLIENTS_SLOW} with the slow model, 64 on bare Hono); ` +
      `RabbitMQ ${MESSAGES} messages at once offline, ${RATE}/s for ${RATE_SECONDS} s with the slow model ` +
      `(${CONCURRENCY} runs in flight a worker, ${PARTITIONS} partitions); ${CONTACTS} contacts; ` +
      `${cpus().length} cores, load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after\n`,
  );
  process.stdout.write(`${table(rows)}\n${notes.map((n) => `${n}\n`).join('')}`);
}

await main();
