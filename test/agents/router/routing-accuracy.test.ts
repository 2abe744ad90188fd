import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEMPLATES } from '../../../src/agents/catalog/index.js';
import { getTemplate, TEMPLATE_IDS } from '../../../src/agents/catalog/templates.js';
import { SemanticRouter } from '../../../src/agents/router/index.js';
import { DEFAULT_SCORING, type RouterScoring } from '../../../src/agents/router/semantic-router.js';
import { LocalEmbedder, normalizeText } from '../../../src/shared/index.js';

/**
 * Accuracy of the semantic router on labelled, realistic messages (PT-BR and English, WhatsApp style:
 * typos, no accents, slang, shorthand) that share no text with the templates' intent examples.
 *
 * - `labelled-messages.json` (196; splits `dev` and `holdout`): the first round's set. Both splits have
 *   since been used for tuning (scoring, threshold, intent examples written where its confusions
 *   clustered), so its figures are optimistic: a regression guard, not a measurement.
 * - `fresh-holdout.json` (116): written in one go BEFORE the lexical channel, the new scoring and the new
 *   intent examples, measured once for the baseline (category 83.6%, template 81.0%) and once at the end
 *   (93.1%, 92.2%). Never used for tuning: these are the honest figures. Keep it that way — if you tune
 *   on it, write a new holdout.
 *
 * Floors sit a few points under the measurements so that adding an intent example does not break the
 * build, while a real regression (a broken embedder, feature or scoring change) does.
 */
const DevSchema = z.array(
  z.object({ text: z.string().min(1), template: z.string(), split: z.enum(['dev', 'holdout']) }).strict(),
);
const HoldoutSchema = z.array(
  z.object({ text: z.string().min(1), template: z.string(), category: z.string() }).strict(),
);
const fixture = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/routing/${name}`, import.meta.url)), 'utf8'));
const labelled = DevSchema.parse(fixture('labelled-messages.json'));
const fresh = HoldoutSchema.parse(fixture('fresh-holdout.json'));

interface Labelled {
  text: string;
  template: string;
}

interface Figures {
  n: number;
  template: number;
  category: number;
  fallback: number;
}

async function measure(router: SemanticRouter, items: readonly Labelled[]): Promise<Figures> {
  let template = 0;
  let category = 0;
  let fallback = 0;
  for (const item of items) {
    const decision = await router.route(item.text);
    if (decision.templateId === item.template) template++;
    if (decision.category === getTemplate(item.template).category) category++;
    if (decision.fallback) fallback++;
  }
  const n = items.length;
  return { n, template: template / n, category: category / n, fallback };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const row = (name: string, f: Figures) =>
  `${name.padEnd(14)} n=${String(f.n).padStart(3)}  category ${pct(f.category)}  template ${pct(f.template)}  fallbacks ${f.fallback}`;
const embedder = new LocalEmbedder();
let router: SemanticRouter;

beforeAll(async () => {
  router = await SemanticRouter.create({ embedder });
});

describe('routing accuracy on the labelled sets', () => {
  // What the router may pick: every template with intent examples but the coordinator (an agent reached
  // only as another's tool, such as the retention supervisor, has none).
  const routable = new Set(
    TEMPLATE_IDS.filter((id) => id !== 'coordinator' && getTemplate(id).intent_examples.length > 0),
  );

  it('has at least 120 dev messages, labelled with known routable templates', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(120);
    for (const item of labelled) expect(routable.has(item.template), item.template).toBe(true);
    for (const id of routable) expect(labelled.filter((m) => m.template === id).length, id).toBeGreaterThanOrEqual(5);
    expect(new Set(labelled.map((m) => normalizeText(m.text))).size).toBe(labelled.length);
  });

  it('has a fresh holdout of at least 80 messages, each labelled with its template and that template category', () => {
    expect(fresh.length).toBeGreaterThanOrEqual(80);
    for (const item of fresh) {
      expect(routable.has(item.template), item.template).toBe(true);
      expect(item.category, item.text).toBe(getTemplate(item.template).category);
    }
    for (const id of routable) expect(fresh.filter((m) => m.template === id).length, id).toBeGreaterThanOrEqual(5);
    expect(new Set(fresh.map((m) => normalizeText(m.text))).size).toBe(fresh.length);
  });

  it('shares no message between the intent examples, the dev set and the fresh holdout', () => {
    const examples = new Set(TEMPLATES.flatMap((t) => t.intent_examples).map(normalizeText));
    const dev = new Set(labelled.map((m) => normalizeText(m.text)));
    expect(labelled.filter((m) => examples.has(normalizeText(m.text))).map((m) => m.text)).toEqual([]);
    expect(fresh.filter((m) => examples.has(normalizeText(m.text))).map((m) => m.text)).toEqual([]);
    expect(fresh.filter((m) => dev.has(normalizeText(m.text))).map((m) => m.text)).toEqual([]);
  });

  it('routes to the right category and template above the floors (figures printed)', async () => {
    const dev = await measure(router, labelled);
    const holdout = await measure(router, fresh);
    console.log(
      [
        'Routing accuracy (LocalEmbedder, default scoring):',
        row('dev (tuned)', dev),
        row('fresh holdout', holdout),
      ].join('\n'),
    );
    expect(holdout.category).toBeGreaterThanOrEqual(0.88);
    expect(holdout.template).toBeGreaterThanOrEqual(0.86);
    expect(dev.category).toBeGreaterThanOrEqual(0.92);
    expect(dev.template).toBeGreaterThanOrEqual(0.9);
  });

  it('scores better with the lexical channel than with the embedding alone (variants printed)', async () => {
    // The similarity variants are measured without the classifier (classifierWeight 0), as before it.
    const similarity = { ...DEFAULT_SCORING, classifierWeight: 0 };
    const variants: Array<[string, RouterScoring]> = [
      ['embedding only', { ...similarity, lexicalWeight: 0 }],
      ['lexical only', { ...similarity, lexicalWeight: 1 }],
      ['centroid only', { ...similarity, nearestWeight: 0 }],
      ['nearest only', { ...similarity, nearestWeight: 1 }],
      ['no keywords', { ...similarity, keywordBoost: 0, maxKeywordBoost: 0 }],
      ['similarity', similarity],
      ['classifier only', { ...DEFAULT_SCORING, classifierWeight: 1 }],
      ['default', DEFAULT_SCORING],
    ];
    const lines: string[] = [];
    const figures = new Map<string, Figures>();
    for (const [name, scoring] of variants) {
      const r = await SemanticRouter.create({ embedder, scoring });
      const f = await measure(r, fresh);
      figures.set(name, f);
      lines.push(`${name.padEnd(16)} category ${pct(f.category)}  template ${pct(f.template)}`);
    }
    console.log(['Scoring variants (fresh holdout; printed, not tuned on):', ...lines].join('\n'));
    const get = (name: string) => figures.get(name) as Figures;
    // Only the embedding-only comparison is asserted: the other variants sit within a message or two of
    // the default, and choosing among them on this holdout would spend it.
    expect(get('similarity').template).toBeGreaterThan(get('embedding only').template + 0.05);
    expect(get('similarity').category).toBeGreaterThan(get('embedding only').category + 0.05);
  });

  it('gives calibrated confidences: higher buckets are right more often (reliability table printed)', async () => {
    const buckets = [0, 0.5, 0.7, 0.85, 1.01];
    const hits = buckets.slice(1).map(() => ({ n: 0, right: 0, conf: 0 }));
    for (const item of fresh) {
      const d = await router.route(item.text);
      if (d.fallback) continue;
      const b = buckets.findIndex((lo, i) => d.confidence >= lo && d.confidence < (buckets[i + 1] ?? 2));
      const bucket = hits[b];
      if (!bucket) continue;
      bucket.n++;
      bucket.conf += d.confidence;
      if (d.templateId === item.template) bucket.right++;
    }
    console.log(
      [
        'Confidence reliability on the fresh holdout (non-fallback decisions):',
        ...hits.map(
          (h, i) =>
            `[${buckets[i]?.toFixed(2)}, ${Math.min(1, buckets[i + 1] as number).toFixed(2)})  n=${String(h.n).padStart(3)}  mean confidence ${h.n ? (h.conf / h.n).toFixed(2) : '—'}  accuracy ${h.n ? (h.right / h.n).toFixed(2) : '—'}`,
        ),
      ].join('\n'),
    );
    const top = hits[hits.length - 1] as { n: number; right: number };
    const lower = hits.slice(0, -1).reduce((a, h) => ({ n: a.n + h.n, right: a.right + h.right }), { n: 0, right: 0 });
    expect(top.n).toBeGreaterThan(0);
    expect(top.right / top.n).toBeGreaterThan(lower.n ? lower.right / lower.n : 0);
    expect(top.right / top.n).toBeGreaterThanOrEqual(0.9);
  });
});
