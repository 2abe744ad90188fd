/**
 * Memory over a long run: one `ventros serve` answering a steady `--rate` msg/s through RabbitMQ for
 * `--minutes`, every model call taking `--latency-ms` (the mock LLM speaking the real Anthropic API to
 * the real SDK), spread over `--contacts` distinct contacts (each new contact adds a session, memories
 * and a partition slot — the state a real day accumulates). Every `--sample-seconds` it prints the
 * window's answers, msg/s, p99, the messages in flight and the server tree's RSS; at the end, the RSS
 * trend over the second half (least squares, MB a minute) — flat memory is a slope near 0 once warm.
 *
 *   npx tsx bench/soak.ts [--minutes 10] [--rate 100] [--latency-ms 1000] [--contacts 5000]
 *     [--sample-seconds 30] [--concurrency 256]
 *
 * Needs RabbitMQ on 127.0.0.1:5672 (guest) and `rabbitmqctl` (for the vhost).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startMockLlm } from '../test/support/mock-llm/index.js';
import { freshVhost } from '../test/support/rabbitmq-vhost.js';
import { AmqpLoad } from './support/amqp-load.js';
import { treeUsage } from './support/proc-stats.js';
import { startServe } from './support/serve-process.js';
import { percentile, table } from './support/stats.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '100' },
    'latency-ms': { type: 'string', default: '1000' },
    contacts: { type: 'string', default: '5000' },
    'sample-seconds': { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '256' },
  },
});
const MINUTES = Number(args.minutes);
const RATE = Number(args.rate);
const LATENCY_MS = Number(args['latency-ms']);
const CONTACTS = Number(args.contacts);
const SAMPLE_MS = Number(args['sample-seconds']) * 1000;
const CONCURRENCY = Number(args.concurrency);
for (const [name, value] of Object.entries({ MINUTES, RATE, LATENCY_MS, CONTACTS, SAMPLE_MS, CONCURRENCY })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`soak: ${name} must be a positive number`);
}
const TEXTS = [
  'Quero cancelar, está muito caro',
  'Qual o status do meu pedido?',
  'Quero comprar o plano anual',
  'My invoice is higher this month, why?',
  'Necesito cambiar la fecha de la reunión',
];

/** Least-squares slope of y over x. */
function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return num / den;
}

function duMb(dir: string): number {
  try {
    return Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]) / 1024;
  } catch {
    return Number.NaN;
  }
}

async function main(): Promise<void> {
  const vhost = await freshVhost('ventros-soak');
  const mock = await startMockLlm({ latencyMs: LATENCY_MS, record: false });
  mock.setHandler(() => ({ text: 'Certo! Já verifiquei e te respondo por aqui.' }));
  const dataDir = mkdtempSync(join(tmpdir(), 'ventros-soak-'));
  const serve = await startServe({
    workers: 1,
    env: {
      VENTROS_DATA_DIR: dataDir,
      RABBITMQ_URL: vhost.url,
      VENTROS_AMQP_CONCURRENCY: String(CONCURRENCY),
      LOG_LEVEL: 'warn',
      VENTROS_MODEL: 'anthropic:claude-sonnet-4-6',
      ANTHROPIC_API_KEY: 'sk-ant-bench-dummy',
      ANTHROPIC_BASE_URL: mock.anthropicBaseUrl,
    },
  });
  const load = await AmqpLoad.open(vhost.url, (i) => ({
    contact: `soak-contact-${i % CONTACTS}`,
    text: TEXTS[i % TEXTS.length] as string,
  }));
  const rows: Array<Record<string, string | number>> = [];
  const rssPoints: Array<{ x: number; y: number }> = [];
  const total = Math.round(RATE * MINUTES * 60);
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  let lastSample = started;
  let answered = 0;
  const sample = (final = false) => {
    const now = performance.now();
    if (!final && now - lastSample < SAMPLE_MS) return;
    const window = load.drainLatencies();
    answered += window.length;
    const minute = (now - started) / 60_000;
    const rssMb = treeUsage(serve.pid).rssBytes / 1e6;
    rssPoints.push({ x: minute, y: rssMb });
    rows.push({
      minute,
      answered,
      'msg/s (window)': (window.length / (now - lastSample)) * 1000,
      'p99 ms (window)': percentile(window, 99),
      'in flight': load.inFlight,
      'RSS MB': rssMb,
      'data dir MB': duMb(dataDir),
    });
    process.stderr.write(`${JSON.stringify(rows.at(-1))}\n`);
    lastSample = now;
  };
  try {
    await load.publishAtRate(total, RATE, 0, () => sample());
    const deadline = performance.now() + 120_000;
    while (load.inFlight > 0 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      sample();
    }
    sample(true);
  } finally {
    await load.close();
    const code = await serve.stop();
    if (code !== 0) process.stderr.write(`serve exited with ${code}\n`);
    await mock.close();
    await vhost.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const secondHalf = rssPoints.filter((p) => p.x >= MINUTES / 2 && p.x <= MINUTES);
  const peak = Math.max(...rssPoints.map((p) => p.y));
  process.stdout.write(
    `soak, ${new Date().toISOString().slice(0, 10)}: ${RATE} msg/s offered for ${MINUTES} min (${total} messages), ` +
      `${LATENCY_MS} ms a model call, ${CONTACTS} contacts, ${CONCURRENCY} runs in flight; ` +
      `load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after\n`,
  );
  process.stdout.write(`${table(rows)}\n`);
  process.stdout.write(
    `answered ${answered} of ${total}; RSS peak ${peak.toFixed(0)} MB; ` +
      `RSS trend over the second half ${slope(secondHalf).toFixed(2)} MB/min\n`,
  );
}

await main();
