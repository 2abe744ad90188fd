/**
 * Semantic router latency with the LocalEmbedder: time to create the router (embedding every intent
 * example in one batch) and per-message routing latency (p50/p95/p99) over the labelled messages,
 * and fresh-holdout messages, repeated. Prints figures; it asserts nothing.
 *
 *   npx tsx bench/router.bench.ts [--rounds 20]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TEMPLATES } from '../src/agents/catalog/index.js';
import { SemanticRouter } from '../src/agents/router/index.js';
import { ROUTER_TRAINING } from '../src/agents/router/training/index.js';
import { LocalEmbedder } from '../src/shared/index.js';
import { percentile, table } from './support/stats.js';

const roundsIndex = process.argv.indexOf('--rounds');
const ROUNDS = roundsIndex > 0 ? Number(process.argv[roundsIndex + 1]) : 20;
const FIXTURES = ['labelled-messages.json', 'fresh-holdout.json'].map((name) =>
  join(import.meta.dirname, '../test/fixtures/routing', name),
);
const messages = FIXTURES.flatMap((file) =>
  (JSON.parse(readFileSync(file, 'utf8')) as Array<{ text: string }>).map((m) => m.text),
);
const LONG = `${'Bom dia, tudo bem? Sou cliente há anos e '.repeat(40)}quero cancelar porque está caro.`;

async function main(): Promise<void> {
  const embedder = new LocalEmbedder();
  const creates: number[] = [];
  let router: SemanticRouter | undefined;
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    router = await SemanticRouter.create({ embedder });
    creates.push(performance.now() - start);
  }
  if (!router) return;
  for (const text of messages) await router.route(text); // warm-up

  const short: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) {
    for (const text of messages) {
      const start = performance.now();
      await router.route(text);
      short.push(performance.now() - start);
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMsPerRoute = (cpu.user + cpu.system) / 1000 / short.length;
  const long: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    await router.route(LONG);
    long.push(performance.now() - start);
  }
  const examples = TEMPLATES.reduce((n, t) => n + t.intent_examples.length, 0);
  const training = Object.values(ROUTER_TRAINING).reduce((n, texts) => n + texts.length, 0);
  const row = (name: string, xs: number[]) => ({
    case: name,
    n: xs.length,
    'p50 ms': percentile(xs, 50),
    'p95 ms': percentile(xs, 95),
    'p99 ms': percentile(xs, 99),
    'max ms': Math.max(...xs),
  });
  console.log(
    `Semantic router, ${embedder.id}, ${examples} intent examples + ${training} classifier training utterances, ${router.routableTemplateIds.length} routable templates (the first create trains the classifier; later ones reuse it)`,
  );
  console.log(
    table([
      row('create (batch embed)', creates),
      row('route: labelled messages', short),
      row('route: ~1.7k-char message', long),
    ]),
  );
  // On a shared, loaded machine the tail is scheduling; CPU time per route is the router's own cost.
  console.log(
    `mean CPU time per route (labelled messages): ${cpuMsPerRoute.toFixed(3)} ms; load average ${loadavg()[0]?.toFixed(1)}`,
  );
}

await main();
