import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { RouteFn, TemplateFacts } from '../../src/agents/catalog/routed-agent.js';
import { routeForRun } from '../../src/agents/catalog/routed-agent.js';
import type { RouteDecision } from '../../src/agents/router/index.js';

/**
 * The routing trust sets (test/fixtures/routing/README.md) and how a router is scored on them: every
 * message goes through `routeForRun`, the catalog's own path (audience included), and a route counts
 * when the agent that would answer is in the message's `acceptable` list. A decision that abstains
 * (`fallback`) is answered by the coordinator: it counts as `balanced`, the coordinator's own pick.
 */
export const TrustItemSchema = z
  .object({
    id: z.string(),
    text: z.string().min(1),
    lang: z.enum(['pt', 'en', 'es']),
    audience: z.enum(['customer', 'staff']),
    acceptable: z.array(z.string()).min(1),
    kind: z.string(),
    note: z.string().optional(),
  })
  .strict();
export type TrustItem = z.infer<typeof TrustItemSchema>;

/** Kinds that together are the cancellation family (every disguise of "I'm leaving"). */
export const CANCELLATION_FAMILY = new Set(['cancellation', 'price_complaint', 'sarcasm', 'formal']);

/** A trust set's name: `trust-<name>.jsonl` in test/fixtures/routing. */
export type TrustSetName = 'dev' | `holdout` | `holdout-${number}`;

/**
 * Holdouts retired on 2026-12-04: the first two because their figures had been printed during tuning,
 * the third once it had been measured and its figures published. None is blind any more; the router is
 * trained on them (and on DEV) and they are reported as "retired holdout, now trained on".
 */
export const RETIRED_HOLDOUTS: readonly TrustSetName[] = ['holdout', 'holdout-2', 'holdout-3'];

/** The active blind holdout the lead expects (written blind, never read by anyone who tunes). */
export const EXPECTED_ACTIVE_HOLDOUT = 'holdout-4';

const FIXTURES = new URL('../fixtures/routing/', import.meta.url);

/**
 * The active blind holdouts present in test/fixtures/routing: every `trust-holdout-<n>.jsonl` that is not
 * retired (`trust-holdout-4.jsonl` first), in number order. Found by file name, so a new holdout is
 * measured as soon as it lands; nothing here or in the training data reads it otherwise.
 */
export function activeHoldouts(): TrustSetName[] {
  return readdirSync(fileURLToPath(FIXTURES))
    .map((file) => /^trust-(holdout-(\d+))\.jsonl$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null && !RETIRED_HOLDOUTS.includes(m[1] as TrustSetName))
    .sort((a, b) => Number(a[2]) - Number(b[2]))
    .map((m) => m[1] as TrustSetName);
}

/** Loads `trust-<name>.jsonl` (DEV, a retired holdout, or an active one). */
export function loadTrustSet(name: TrustSetName): TrustItem[] {
  const url = new URL(`trust-${name}.jsonl`, FIXTURES);
  return readFileSync(fileURLToPath(url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => TrustItemSchema.parse(JSON.parse(line)));
}

/** One message's outcome. */
export interface TrustOutcome {
  item: TrustItem;
  decision: RouteDecision;
  correct: boolean;
  top1: boolean;
}

/** Routes every item through the catalog's routing path for its audience. */
export async function routeTrustSet(route: RouteFn, facts: TemplateFacts, items: readonly TrustItem[]) {
  const outcomes: TrustOutcome[] = [];
  for (const item of items) {
    const ctx = { userMessage: item.text, signal: new AbortController().signal, trusted: { audience: item.audience } };
    const decision = await routeForRun(route, ctx as Parameters<typeof routeForRun>[1], facts);
    const agent = decision.fallback ? 'balanced' : decision.templateId;
    outcomes.push({
      item,
      decision,
      correct: item.acceptable.includes(agent),
      top1: item.acceptable[0] === agent,
    });
  }
  return outcomes;
}

/** Accuracy of a slice. */
export interface Slice {
  name: string;
  n: number;
  accuracy: number;
  top1: number;
}

function slice(name: string, outcomes: readonly TrustOutcome[]): Slice {
  const n = outcomes.length;
  return {
    name,
    n,
    accuracy: n ? outcomes.filter((o) => o.correct).length / n : 0,
    top1: n ? outcomes.filter((o) => o.top1).length / n : 0,
  };
}

/** Every slice the report prints: overall, per language, per audience, cancellation family, per kind. */
export function summarize(outcomes: readonly TrustOutcome[]): Map<string, Slice> {
  const slices = new Map<string, Slice>();
  const add = (name: string, pick: (o: TrustOutcome) => boolean) =>
    slices.set(name, slice(name, outcomes.filter(pick)));
  add('overall', () => true);
  for (const lang of ['pt', 'en', 'es']) add(`lang:${lang}`, (o) => o.item.lang === lang);
  add('audience:staff', (o) => o.item.audience === 'staff');
  add('cancellation family', (o) => CANCELLATION_FAMILY.has(o.item.kind));
  for (const kind of [...new Set(outcomes.map((o) => o.item.kind))].sort())
    add(`kind:${kind}`, (o) => o.item.kind === kind);
  return slices;
}

/** Confidence of right and wrong answers, and how many abstained. */
export function confidenceFigures(outcomes: readonly TrustOutcome[]) {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
  const right = outcomes.filter((o) => o.correct && !o.decision.fallback).map((o) => o.decision.confidence);
  const wrong = outcomes.filter((o) => !o.correct && !o.decision.fallback).map((o) => o.decision.confidence);
  const routed = outcomes.filter((o) => !o.decision.fallback);
  return {
    routedAccuracy: routed.length ? routed.filter((o) => o.correct).length / routed.length : Number.NaN,
    abstained: outcomes.filter((o) => o.decision.fallback).length,
    abstainedWrong: outcomes.filter((o) => o.decision.fallback && !o.correct).length,
    meanRight: mean(right),
    meanWrong: mean(wrong),
    wrongConfidences: wrong.sort((a, b) => b - a),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The report as text lines. */
export function formatReport(title: string, outcomes: readonly TrustOutcome[], showMisses: boolean): string[] {
  const lines = [`${title}: n=${outcomes.length}`];
  for (const s of summarize(outcomes).values()) {
    lines.push(
      `  ${s.name.padEnd(28)} n=${String(s.n).padStart(3)}  acceptable ${pct(s.accuracy).padStart(6)}  top-1 ${pct(s.top1).padStart(6)}`,
    );
  }
  const c = confidenceFigures(outcomes);
  lines.push(
    `  abstained (coordinator): ${c.abstained} (of which not acceptable as balanced: ${c.abstainedWrong}); accuracy of the routed rest ${pct(c.routedAccuracy)}`,
    `  mean confidence: right ${c.meanRight.toFixed(3)}, wrong ${c.meanWrong.toFixed(3)}; wrong answers' confidences: [${c.wrongConfidences.map((x) => x.toFixed(2)).join(', ')}]`,
  );
  if (showMisses) {
    for (const o of outcomes.filter((x) => !x.correct)) {
      const agent = o.decision.fallback
        ? `(abstain→balanced; best ${o.decision.scores[0]?.templateId})`
        : o.decision.templateId;
      lines.push(
        `  MISS ${o.item.id} [${o.item.kind}] → ${agent} ${o.decision.confidence.toFixed(2)} want ${o.item.acceptable.join('|')}: ${o.item.text.slice(0, 110)}`,
      );
    }
  }
  return lines;
}
