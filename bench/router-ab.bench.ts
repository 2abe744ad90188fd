/**
 * Routing CPU of this checkout against another one's (say the main branch's), in one process, in
 * alternating rounds (a loaded machine hurts both alike): each side's SemanticRouter on the LocalEmbedder
 * routes the labelled and fresh-holdout messages for a customer. Load order biases a few per cent: run
 * it both ways round.
 *
 *   npx tsx bench/router-ab.bench.ts /work/main/src src [--rounds 12]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({
  options: { rounds: { type: 'string', default: '12' } },
  allowPositionals: true,
});
const [beforeSrc = '/work/main/src', afterSrc = 'src'] = positionals;
const FIXTURES = ['labelled-messages.json', 'fresh-holdout.json'].map((name) =>
  join(import.meta.dirname, '../test/fixtures/routing', name),
);
const messages = FIXTURES.flatMap((file) =>
  (JSON.parse(readFileSync(file, 'utf8')) as Array<{ text: string }>).map((m) => m.text),
);

interface Routes {
  route(text: string, options: { audience: 'customer' }): Promise<unknown>;
}

async function routerFrom(src: string): Promise<Routes> {
  const { SemanticRouter } = await import(join(resolve(src), 'agents/router/index.ts'));
  const { LocalEmbedder } = await import(join(resolve(src), 'shared/index.ts'));
  return SemanticRouter.create({ embedder: new LocalEmbedder() });
}

const sides = { before: await routerFrom(beforeSrc), after: await routerFrom(afterSrc) };
const cpu = { before: 0, after: 0 };
let routes = 0;
const loadBefore = loadavg()[0] ?? 0;
for (let round = 0; round < Number(args.rounds); round++) {
  const order = round % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const);
  for (const side of order) {
    const started = process.cpuUsage();
    for (const text of messages) await sides[side].route(text, { audience: 'customer' });
    const used = process.cpuUsage(started);
    if (round >= 2) cpu[side] += (used.user + used.system) / 1000; // two rounds of warm-up
  }
  if (round >= 2) routes += messages.length;
}
process.stdout.write(
  `router CPU ms/route over ${routes} routes a side (load ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}): ` +
    `${beforeSrc} ${(cpu.before / routes).toFixed(3)}, ${afterSrc} ${(cpu.after / routes).toFixed(3)}\n`,
);
