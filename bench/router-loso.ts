/**
 * Leave-one-set-out estimate of the router on a blind set: for each retired holdout (`holdout`,
 * `holdout-2`, `holdout-3`), the router is trained on the authored utterances plus DEV and the other
 * retired holdouts, and scored (through `routeForRun`, audience included) on the one left out. Each
 * holdout was written blind by a different helper, so a score on one from a router that learnt from the
 * others is what a new blind set (the active `trust-holdout-4.jsonl`, never read here) can be expected to
 * score. Every routing choice (training data, features, classifier settings, threshold) is judged on
 * these figures, not on in-sample ones. Prints the pooled figure, the mean of the per-set figures, each
 * set's figure, and pooled figures per language (and per kind with `--kinds`). Asserts nothing.
 *
 *   npx tsx bench/router-loso.ts [variant ...] [--seeds 3] [--kinds] [--misses]
 *
 * Two trainings that differ only in the shuffle seed move a fold by ±1–2 points: `--seeds n` trains
 * each fold with n seeds (the default one, then 1, 2, …) and pools every outcome, so a choice is judged
 * on the mean.
 * `--buckets` prints accuracy by confidence; `--misses` prints each fold's misses (every set scored is retired: reading them is allowed).
 */
import { TEMPLATES } from '../src/agents/catalog/index.js';
import type { ClassifierTraining } from '../src/agents/router/intent-classifier.js';
import { DEFAULT_CLASSIFIER_TRAINING } from '../src/agents/router/intent-classifier.js';
import {
  DEFAULT_ABSTAIN_BELOW,
  DEFAULT_SCORING,
  type RouterScoring,
  SemanticRouter,
} from '../src/agents/router/semantic-router.js';
import { BROAD_CONTRAST } from '../src/agents/router/training/broad-contrast.js';
import { BROAD_ENGLISH_2 } from '../src/agents/router/training/broad-english-2.js';
import { BROAD_ENGLISH_3 } from '../src/agents/router/training/broad-english-3.js';
import { BROAD_MULTI } from '../src/agents/router/training/broad-multi.js';
import { BROAD_NEGATION } from '../src/agents/router/training/broad-negation.js';
import { BROAD_NEGATION_2 } from '../src/agents/router/training/broad-negation-2.js';
import { BROAD_PIPELINE_2 } from '../src/agents/router/training/broad-pipeline-2.js';
import { BROAD_SALES_LATAM } from '../src/agents/router/training/broad-sales-latam.js';
import { BROAD_SALES_REGISTERS } from '../src/agents/router/training/broad-sales-registers.js';
import { AUTHORED_TRAINING, mergedTraining } from '../src/agents/router/training/index.js';
import { LocalEmbedder } from '../src/shared/index.js';
import {
  formatReport,
  loadTrustSet,
  RETIRED_HOLDOUTS,
  routeTrustSet,
  summarize,
  type TrustItem,
  type TrustOutcome,
  type TrustSetName,
} from '../test/support/routing-trust.js';

interface Variant {
  /** How many times each trust-set line is repeated in training (its weight against authored lines). */
  trustRepeat: number;
  /** Also train a multi-intent line under its second acceptable agent. */
  multiSecond: boolean;
  classifier: ClassifierTraining;
  scoring: RouterScoring;
  abstainBelow: number;
  /** Authored utterances left out (by file export name), to measure what a file buys. */
  authored: Readonly<Record<string, readonly string[]>>;
}

const BASE: Variant = {
  trustRepeat: 1,
  multiSecond: false,
  classifier: DEFAULT_CLASSIFIER_TRAINING,
  scoring: DEFAULT_SCORING,
  abstainBelow: DEFAULT_ABSTAIN_BELOW,
  authored: AUTHORED_TRAINING,
};

/** The authored utterances without one file's lines: what that file buys. */
function without(set: Readonly<Record<string, readonly string[]>>): Variant {
  const drop = new Set(Object.values(set).flat());
  const authored = Object.fromEntries(
    Object.entries(AUTHORED_TRAINING).map(([id, texts]) => [id, texts.filter((t) => !drop.has(t))]),
  );
  return { ...BASE, authored };
}

/** Before 2026-12-04's second pass: without the new files, abstaining under 0.4. */
const BEFORE: Variant = {
  ...without(
    mergedTraining(BROAD_CONTRAST, BROAD_PIPELINE_2, BROAD_ENGLISH_2, BROAD_MULTI, BROAD_SALES_LATAM, BROAD_NEGATION),
  ),
  abstainBelow: 0.4,
};

const VARIANTS: Record<string, Variant> = {
  default: BASE,
  before: BEFORE,
  'before, no trust lines': { ...BEFORE, trustRepeat: 0 },
  'abstain 0.3': { ...BASE, abstainBelow: 0.3 },
  'no-trust': { ...BASE, trustRepeat: 0 },
  'without contrast': without(BROAD_CONTRAST),
  'without pipeline-2': without(BROAD_PIPELINE_2),
  'without english-2': without(BROAD_ENGLISH_2),
  'without multi': without(BROAD_MULTI),
  'without sales-latam': without(BROAD_SALES_LATAM),
  'without negation': without(BROAD_NEGATION),
  /** Without the batches written when holdout-3 was retired (2026-12-04): what they buy. */
  'without round-4': without(mergedTraining(BROAD_NEGATION_2, BROAD_ENGLISH_3, BROAD_SALES_REGISTERS)),
  'without negation-2': without(BROAD_NEGATION_2),
  'without english-3': without(BROAD_ENGLISH_3),
  'without sales-registers': without(BROAD_SALES_REGISTERS),
  'trust x2': { ...BASE, trustRepeat: 2 },
  'trust x3': { ...BASE, trustRepeat: 3 },
  'multi second': { ...BASE, multiSecond: true },
  'epochs 25': { ...BASE, classifier: { ...BASE.classifier, epochs: 25 } },
  'epochs 8': { ...BASE, classifier: { ...BASE.classifier, epochs: 8 } },
  'lr 0.5': { ...BASE, classifier: { ...BASE.classifier, learningRate: 0.5 } },
  'lr 0.15': { ...BASE, classifier: { ...BASE.classifier, learningRate: 0.15 } },
  'l2 1e-4': { ...BASE, classifier: { ...BASE.classifier, l2: 1e-4 } },
  'l2 0': { ...BASE, classifier: { ...BASE.classifier, l2: 0 } },
  'seed 1': { ...BASE, classifier: { ...BASE.classifier, seed: 1 } },
  'seed 2': { ...BASE, classifier: { ...BASE.classifier, seed: 2 } },
  'classifier 0.9': { ...BASE, scoring: { ...BASE.scoring, classifierWeight: 0.9 } },
  'classifier 0.7': { ...BASE, scoring: { ...BASE.scoring, classifierWeight: 0.7 } },
  'balance 0.5': { ...BASE, classifier: { ...BASE.classifier, classBalance: 0.5 } },
  'balance 1': { ...BASE, classifier: { ...BASE.classifier, classBalance: 1 } },
  'balance 0.5 abstain 0.3': { ...BASE, abstainBelow: 0.3, classifier: { ...BASE.classifier, classBalance: 0.5 } },
  'balance 1 abstain 0.3': { ...BASE, abstainBelow: 0.3, classifier: { ...BASE.classifier, classBalance: 1 } },
  'abstain 0.5': { ...BASE, abstainBelow: 0.5 },
  'abstain 0': { ...BASE, abstainBelow: 0 },
  'abstain 0.2': { ...BASE, abstainBelow: 0.2 },
  'abstain 0.35': { ...BASE, abstainBelow: 0.35 },
};

/** The trust lines a fold trains on, by agent. */
function trustTraining(items: readonly TrustItem[], variant: Variant): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const item of items) {
    const add = (agent: string) => {
      out[agent] = [...(out[agent] ?? []), ...Array.from({ length: variant.trustRepeat }, () => item.text)];
    };
    add(item.acceptable[0] as string);
    if (variant.multiSecond && item.kind === 'multi_intent' && item.acceptable[1]) add(item.acceptable[1]);
  }
  return out;
}

/** One fold per retired holdout: trained on DEV and the other retired holdouts, scored on it. */
const FOLDS: Array<{ test: TrustSetName; train: TrustSetName[] }> = RETIRED_HOLDOUTS.map((test) => ({
  test,
  train: ['dev', ...RETIRED_HOLDOUTS.filter((name) => name !== test)],
}));
const byId = new Map(TEMPLATES.map((t) => [t.template_id, t]));
const facts = (id: string) => byId.get(id);
const embedder = new LocalEmbedder();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function runFold(variant: Variant, fold: (typeof FOLDS)[number]): Promise<TrustOutcome[]> {
  const held = fold.train.flatMap((name) => loadTrustSet(name));
  const router = await SemanticRouter.create({
    embedder,
    training: mergedTraining(variant.authored, trustTraining(held, variant)),
    classifierTraining: variant.classifier,
    scoring: variant.scoring,
    abstainBelow: variant.abstainBelow,
  });
  return routeTrustSet((text, options) => router.route(text, options), facts, loadTrustSet(fold.test));
}

const args = process.argv.slice(2);
const showKinds = args.includes('--kinds');
const showMisses = args.includes('--misses');
const seedsIndex = args.indexOf('--seeds');
const SEEDS = seedsIndex >= 0 ? Number(args[seedsIndex + 1]) : 1;
const names = args.filter((a, i) => !a.startsWith('--') && i !== seedsIndex + 1);
for (const name of names.length > 0 ? names : ['default']) {
  const variant = VARIANTS[name];
  if (!variant) throw new Error(`unknown variant "${name}"; known: ${Object.keys(VARIANTS).join(', ')}`);
  const start = performance.now();
  const all: TrustOutcome[] = [];
  const parts: string[] = [];
  const perSet: number[] = [];
  for (const fold of FOLDS) {
    const outcomes: TrustOutcome[] = [];
    for (let seed = 0; seed < SEEDS; seed++) {
      const classifier = seed === 0 ? variant.classifier : { ...variant.classifier, seed };
      outcomes.push(...(await runFold({ ...variant, classifier }, fold)));
    }
    all.push(...outcomes);
    const s = summarize(outcomes);
    perSet.push(s.get('overall')?.accuracy ?? 0);
    parts.push(`→${fold.test} ${pct(s.get('overall')?.accuracy ?? 0)} (top-1 ${pct(s.get('overall')?.top1 ?? 0)})`);
    if (showMisses)
      console.log(
        formatReport(`${name}: trained on ${fold.train.join('+')}, tested on ${fold.test}`, outcomes, true)
          .filter((l) => l.includes('MISS'))
          .join('\n'),
      );
  }
  const s = summarize(all);
  const sliceText = (key: string) => `${key.replace(/^(lang|kind):/, '')} ${pct(s.get(key)?.accuracy ?? 0)}`;
  console.log(
    `${name.padEnd(16)} pooled ${pct(s.get('overall')?.accuracy ?? 0)} top-1 ${pct(s.get('overall')?.top1 ?? 0)} mean-of-sets ${pct(perSet.reduce((a, b) => a + b, 0) / perSet.length)} | ${parts.join(' | ')} | ${['lang:pt', 'lang:en', 'lang:es'].map(sliceText).join(' ')} | ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  if (args.includes('--buckets')) {
    // Accuracy by confidence of the decisions routed (run with `abstain 0` to see every bucket).
    const buckets = new Map<string, { n: number; right: number }>();
    for (const o of all.filter((x) => !x.decision.fallback)) {
      const low = Math.min(0.9, Math.floor(o.decision.confidence * 10) / 10).toFixed(1);
      const b = buckets.get(low) ?? { n: 0, right: 0 };
      b.n++;
      if (o.correct) b.right++;
      buckets.set(low, b);
    }
    console.log(
      `   by confidence: ${[...buckets.entries()]
        .sort()
        .map(([b, x]) => `${b}+: ${x.right}/${x.n}`)
        .join('  ')}`,
    );
  }
  if (showKinds) {
    console.log(
      [...s.values()]
        .filter((x) => x.name.startsWith('kind:') || x.name === 'cancellation family' || x.name === 'audience:staff')
        .map(
          (x) =>
            `   ${x.name.padEnd(28)} n=${String(x.n).padStart(3)} ${pct(x.accuracy).padStart(6)} top-1 ${pct(x.top1).padStart(6)}`,
        )
        .join('\n'),
    );
  }
}
