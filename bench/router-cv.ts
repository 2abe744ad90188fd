/**
 * Cross-validation of the intent classifier's settings on the training utterances and the DEV trust
 * set only (never the holdouts): (A) 5-fold out-of-fold accuracy over training + DEV (DEV labelled by its
 * first acceptable agent), and (B) trained on the training utterances alone, scored on DEV (acceptable
 * list, audience-restricted, a prediction under the abstain threshold counting as `balanced`). Prints
 * figures; asserts nothing.
 *
 *   npx tsx bench/router-cv.ts
 */
import { TEMPLATES } from '../src/agents/catalog/index.js';
import {
  type ClassifierTraining,
  DEFAULT_CLASSIFIER_TRAINING,
  IntentClassifier,
} from '../src/agents/router/intent-classifier.js';
import { DEFAULT_ABSTAIN_BELOW } from '../src/agents/router/semantic-router.js';
import { BROAD_MARKETING } from '../src/agents/router/training/broad-marketing.js';
import { BROAD_RETENTION } from '../src/agents/router/training/broad-retention.js';
import { BROAD_REVENUE } from '../src/agents/router/training/broad-revenue.js';
import { BROAD_SERVICE } from '../src/agents/router/training/broad-service.js';
import { ROUTER_TRAINING } from '../src/agents/router/training/index.js';
import { loadTrustSet } from '../test/support/routing-trust.js';

const routable = TEMPLATES.filter((t) => t.intent_examples.length > 0);
const ids = routable.map((t) => t.template_id);
const customerFacing = new Set(routable.filter((t) => t.customer_facing).map((t) => t.template_id));
const training = routable.flatMap((t) =>
  [...t.intent_examples, ...(ROUTER_TRAINING[t.template_id] ?? [])].map((text) => ({ text, label: t.template_id })),
);
const dev = loadTrustSet('dev');

function classes(samples: ReadonlyArray<{ text: string; label: string }>) {
  return ids.map((id) => ({ id, texts: samples.filter((s) => s.label === id).map((s) => s.text) }));
}

function argmax(p: Float64Array, allowed: (id: string) => boolean): { id: string; p: number } {
  let best = { id: 'balanced', p: -1 };
  let mass = 0;
  ids.forEach((id, i) => {
    if (allowed(id)) mass += p[i] as number;
  });
  ids.forEach((id, i) => {
    if (allowed(id) && (p[i] as number) > best.p) best = { id, p: p[i] as number };
  });
  return { id: best.id, p: best.p / (mass || 1) };
}

function crossValidate(settings: ClassifierTraining, folds = 5): number {
  const all = [...training, ...dev.map((d) => ({ text: d.text, label: d.acceptable[0] as string }))];
  let right = 0;
  for (let f = 0; f < folds; f++) {
    const classifier = IntentClassifier.train(classes(all.filter((_, i) => i % folds !== f)), settings);
    all.forEach((s, i) => {
      if (i % folds === f && argmax(classifier.predict(s.text), () => true).id === s.label) right++;
    });
  }
  return right / all.length;
}

function devScore(settings: ClassifierTraining): { accuracy: number; abstained: number } {
  const classifier = IntentClassifier.train(classes(training), settings);
  let right = 0;
  let abstained = 0;
  for (const item of dev) {
    const allowed = (id: string) => item.audience === 'staff' || customerFacing.has(id);
    const best = argmax(classifier.predict(item.text), allowed);
    const agent = best.p < DEFAULT_ABSTAIN_BELOW ? 'balanced' : best.id;
    if (best.p < DEFAULT_ABSTAIN_BELOW) abstained++;
    if (item.acceptable.includes(agent)) right++;
  }
  return { accuracy: right / dev.length, abstained };
}

/** The broad-* files were written apart from the older ones: scoring one on the other tests new phrasing. */
const BROAD = new Set(
  [BROAD_RETENTION, BROAD_MARKETING, BROAD_SERVICE, BROAD_REVENUE].flatMap((set) => Object.values(set).flat()),
);

/** Accuracy by confidence bucket of the old→broad predictions: is "under 0.4 is a coin toss" still true? */
const buckets = new Map<string, { n: number; right: number }>();
function bucketOf(p: number): string {
  const low = Math.min(0.9, Math.floor(p * 10) / 10);
  return `${low.toFixed(1)}-${(low + 0.1).toFixed(1)}`;
}

function crossFile(settings: ClassifierTraining): { accuracy: number; abstained: number } {
  buckets.clear();
  const classifier = IntentClassifier.train(classes(training.filter((s) => !BROAD.has(s.text))), settings);
  const test = training.filter((s) => BROAD.has(s.text));
  let right = 0;
  let abstained = 0;
  for (const s of test) {
    const best = argmax(classifier.predict(s.text), () => true);
    const bucket = buckets.get(bucketOf(best.p)) ?? { n: 0, right: 0 };
    bucket.n++;
    if (best.id === s.label) bucket.right++;
    buckets.set(bucketOf(best.p), bucket);
    if (best.p < DEFAULT_ABSTAIN_BELOW) abstained++;
    else if (best.id === s.label) right++;
  }
  return { accuracy: right / test.length, abstained };
}

const VARIANTS: Array<[string, ClassifierTraining]> = [
  ['default', DEFAULT_CLASSIFIER_TRAINING],
  ['epochs 25', { ...DEFAULT_CLASSIFIER_TRAINING, epochs: 25 }],
  ['epochs 8', { ...DEFAULT_CLASSIFIER_TRAINING, epochs: 8 }],
  ['lr 0.5', { ...DEFAULT_CLASSIFIER_TRAINING, learningRate: 0.5 }],
  ['lr 0.15', { ...DEFAULT_CLASSIFIER_TRAINING, learningRate: 0.15 }],
  ['l2 1e-4', { ...DEFAULT_CLASSIFIER_TRAINING, l2: 1e-4 }],
  ['l2 0', { ...DEFAULT_CLASSIFIER_TRAINING, l2: 0 }],
  ['seed 1', { ...DEFAULT_CLASSIFIER_TRAINING, seed: 1 }],
];

const only = process.argv.slice(2);
console.log(`training utterances: ${training.length}; dev: ${dev.length}`);
for (const [name, settings] of VARIANTS) {
  if (only.length > 0 && !only.includes(name)) continue;
  const start = performance.now();
  const cv = crossValidate(settings);
  const d = devScore(settings);
  const c = crossFile(settings);
  console.log(
    `${name.padEnd(12)} 5-fold(train+dev) ${(cv * 100).toFixed(1)}%  train→dev ${(d.accuracy * 100).toFixed(1)}% (abstained ${d.abstained})  old→broad ${(c.accuracy * 100).toFixed(1)}% (abstained ${c.abstained})  ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
}
console.log(
  'old→broad by confidence (last variant):',
  [...buckets.entries()]
    .sort()
    .map(([b, { n, right }]) => `${b}: ${right}/${n}`)
    .join('  '),
);
