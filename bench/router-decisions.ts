/**
 * Every routing decision of a checkout, as exact JSON, for proving that a change to the router's code
 * moves no decision (a CPU optimisation must give the same template, confidence, fallback flag and
 * scores, bit for bit). Routes the messages of every `test/fixtures/routing` file, every eval turn, every
 * training utterance and a few edge cases, for each audience (none, customer, staff), and `scoreAll`
 * on the first 300. Dump both checkouts and compare the files:
 *
 *   npx tsx bench/router-decisions.ts /work/wt/base /tmp/before.json
 *   npx tsx bench/router-decisions.ts . /tmp/after.json && cmp /tmp/before.json /tmp/after.json
 *
 * A change to templates, training data or scoring moves decisions by design: this is for code-only changes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const [checkout = '.', out] = process.argv.slice(2);
if (!out) throw new Error('usage: router-decisions.ts <checkout> <out.json>');
const repo = resolve(checkout);
const { SemanticRouter } = await import(join(repo, 'src/agents/router/index.js'));
const { LocalEmbedder } = await import(join(repo, 'src/shared/index.js'));
const { ROUTER_TRAINING } = await import(join(repo, 'src/agents/router/training/index.js'));

const texts: string[] = [];
const fixtures = join(repo, 'test/fixtures/routing');
for (const file of readdirSync(fixtures).sort()) {
  const body = readFileSync(join(fixtures, file), 'utf8');
  if (file.endsWith('.jsonl')) {
    for (const line of body.split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
  } else if (file.endsWith('.json')) {
    for (const message of JSON.parse(body) as Array<{ text: string }>) texts.push(message.text);
  }
}
/** Every `turns:` entry of the eval suites. */
const turnsOf = (value: unknown): void => {
  if (Array.isArray(value)) value.forEach(turnsOf);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'turns' && Array.isArray(inner))
        for (const turn of inner) texts.push(typeof turn === 'string' ? turn : JSON.stringify(turn));
      else turnsOf(inner);
    }
  }
};
for (const file of readdirSync(join(repo, 'evals')).sort()) {
  if (file.endsWith('.yaml')) turnsOf(parse(readFileSync(join(repo, 'evals', file), 'utf8')));
}
for (const lines of Object.values(ROUTER_TRAINING) as string[][]) texts.push(...lines);
texts.push(
  '',
  '   ',
  'kkkkkkk',
  'STOP',
  'unsubscribe',
  '😡😡😡',
  'Привет как дела',
  'não quero cancelar, só quero entender a fatura',
  `${'Bom dia, tudo bem? Sou cliente há anos e '.repeat(40)}quero cancelar porque está caro.`,
  'QUERO CANCELAR AGORA!!!',
  '???',
  'a',
  'x'.repeat(3000),
);

const embedder = new LocalEmbedder();
const router = await SemanticRouter.create({ embedder });
const rows: unknown[] = [];
for (const text of texts) {
  for (const audience of [undefined, 'customer', 'staff'] as const) {
    rows.push([text, audience ?? null, await router.route(text, audience ? { audience } : {})]);
  }
}
for (const text of texts.slice(0, 300)) rows.push(['scoreAll', text, router.scoreAll(embedder.embedOne(text), text)]);
writeFileSync(out, JSON.stringify(rows));
console.log(`${texts.length} texts, ${rows.length} decisions → ${out}`);
