/**
 * Router CPU per route with cold caches, as in a real turn (the app's other work evicts the router's
 * tables between two messages), where a tight loop over messages (router.bench.ts) keeps them hot. Before
 * each route, 32 MB are written; the offline bench's four messages rotate, routed for a customer. Prints
 * the p50 and mean wall time of the route alone (one thread: wall ≈ CPU). Give a checkout to compare:
 *
 *   npx tsx bench/router-cold.bench.ts [checkout=.] [routes=400]
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const repo = resolve(process.argv[2] ?? '.');
const ROUTES = Number(process.argv[3] ?? 400);
const { SemanticRouter } = await import(join(repo, 'src/agents/router/index.js'));
const { LocalEmbedder } = await import(join(repo, 'src/shared/index.js'));
const router = await SemanticRouter.create({ embedder: new LocalEmbedder() });
/** The offline bench's rotation (offline-message-cpu.bench.ts, which runs when imported). */
const texts = [
  'Quero cancelar, está muito caro',
  'O sistema está fora do ar',
  'Quantos leads entraram hoje?',
  'Quero saber o preço do plano',
];

const junk = new Float64Array(4 << 20);
let sink = 0;
const evict = () => {
  for (let i = 0; i < junk.length; i += 8) sink += junk[i] = i;
};
for (let i = 0; i < 40; i++) await router.route(texts[i % texts.length] as string, { audience: 'customer' });
const times: number[] = [];
for (let i = 0; i < ROUTES; i++) {
  evict();
  const start = performance.now();
  await router.route(texts[i % texts.length] as string, { audience: 'customer' });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
console.log(
  `${repo}: cold route p50 ${times[times.length >> 1]?.toFixed(3)} ms, mean ${mean.toFixed(3)} ms over ${ROUTES} (${sink > 0 ? 'evicted' : ''})`,
);
