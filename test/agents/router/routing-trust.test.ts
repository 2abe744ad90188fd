import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../src/agents/catalog/index.js';
import type { RouteOptions } from '../../../src/agents/catalog/routed-agent.js';
import { SemanticRouter } from '../../../src/agents/router/index.js';
import { ROUTER_TRAINING } from '../../../src/agents/router/training/index.js';
import { LocalEmbedder, normalizeText } from '../../../src/shared/index.js';
import {
  confidenceFigures,
  formatReport,
  loadTrustSet,
  routeTrustSet,
  summarize,
  type TrustOutcome,
} from '../../support/routing-trust.js';

/**
 * The router on the routing trust sets (test/fixtures/routing/README.md), through the catalog's own
 * routing path for each message's audience. DEV may be tuned on; HOLDOUT is only measured (its messages
 * are never printed here). Floors sit a few points under the figures measured when they were set
 * (docs/ROUTING.md has them), so that adding a training line does not break the build while a real
 * regression (a broken feature, classifier or audience rule) does. `npx tsx bench/routing-accuracy.ts`
 * prints the full report.
 */
const byId = new Map(TEMPLATES.map((t) => [t.template_id, t]));
const facts = (id: string) => byId.get(id);
let dev: TrustOutcome[];
let holdout: TrustOutcome[];
let holdout2: TrustOutcome[];

beforeAll(async () => {
  const router = await SemanticRouter.create({ embedder: new LocalEmbedder() });
  const route = (text: string, options?: RouteOptions) => router.route(text, options);
  dev = await routeTrustSet(route, facts, loadTrustSet('dev'));
  holdout = await routeTrustSet(route, facts, loadTrustSet('holdout'));
  holdout2 = await routeTrustSet(route, facts, loadTrustSet('holdout-2'));
  console.log(
    [
      ...formatReport('dev', dev, false),
      ...formatReport('holdout', holdout, false),
      ...formatReport('holdout-2', holdout2, false),
    ].join('\n'),
  );
}, 120_000);

const accuracy = (outcomes: readonly TrustOutcome[], slice: string) => summarize(outcomes).get(slice)?.accuracy ?? 0;

describe('routing on the trust sets', () => {
  it('never routes a customer to an internal agent', () => {
    for (const o of [...dev, ...holdout, ...holdout2].filter((x) => x.item.audience === 'customer')) {
      expect(facts(o.decision.templateId)?.customer_facing, o.item.id).toBe(true);
    }
  });

  it('keeps the training utterances apart from both trust sets (one- and two-word messages aside)', () => {
    // "STOP", "SAIR", "oi", "thanks" are the same message whoever writes them; anything longer in both
    // the training data and a trust set would be a copy.
    const training = new Set(Object.values(ROUTER_TRAINING).flat().map(normalizeText));
    const leaked = [...loadTrustSet('dev'), ...loadTrustSet('holdout'), ...loadTrustSet('holdout-2')].filter((m) => {
      const text = normalizeText(m.text);
      return text.split(' ').length > 2 && training.has(text);
    });
    expect(leaked.map((m) => m.id)).toEqual([]);
  });

  it('routes the dev set above its floors', () => {
    expect(accuracy(dev, 'overall')).toBeGreaterThanOrEqual(0.97);
    for (const lang of ['pt', 'en', 'es']) expect(accuracy(dev, `lang:${lang}`), lang).toBeGreaterThanOrEqual(0.95);
    expect(accuracy(dev, 'cancellation family')).toBeGreaterThanOrEqual(0.98);
    expect(accuracy(dev, 'kind:opt_out')).toBe(1);
    expect(accuracy(dev, 'kind:billing')).toBeGreaterThanOrEqual(0.95);
  });

  it('routes the second holdout (written blind on 2026-12-04) above its floors', () => {
    expect(accuracy(holdout2, 'overall')).toBeGreaterThanOrEqual(HOLDOUT_2_FLOORS.overall);
    for (const lang of ['pt', 'en', 'es'] as const) {
      expect(accuracy(holdout2, `lang:${lang}`), lang).toBeGreaterThanOrEqual(HOLDOUT_2_FLOORS[lang]);
    }
    expect(accuracy(holdout2, 'cancellation family')).toBeGreaterThanOrEqual(HOLDOUT_2_FLOORS.cancellation);
    expect(accuracy(holdout2, 'kind:opt_out')).toBeGreaterThanOrEqual(HOLDOUT_2_FLOORS.optOut);
  });

  it('routes the holdout above its floors', () => {
    expect(accuracy(holdout, 'overall')).toBeGreaterThanOrEqual(HOLDOUT_FLOORS.overall);
    for (const lang of ['pt', 'en', 'es'] as const) {
      expect(accuracy(holdout, `lang:${lang}`), lang).toBeGreaterThanOrEqual(HOLDOUT_FLOORS[lang]);
    }
    expect(accuracy(holdout, 'cancellation family')).toBeGreaterThanOrEqual(HOLDOUT_FLOORS.cancellation);
    expect(accuracy(holdout, 'kind:opt_out')).toBeGreaterThanOrEqual(HOLDOUT_FLOORS.optOut);
    expect(accuracy(holdout, 'kind:billing')).toBeGreaterThanOrEqual(HOLDOUT_FLOORS.billing);
  });

  it('is less sure of its wrong answers than of its right ones', () => {
    for (const outcomes of [dev, holdout, holdout2]) {
      const c = confidenceFigures(outcomes);
      if (!Number.isNaN(c.meanWrong)) expect(c.meanWrong).toBeLessThan(c.meanRight - 0.15);
    }
  });
});

/** A few points under the holdout figures measured when they were set (see docs/ROUTING.md). */
/** Under holdout 2 with the broad training data (93.1 % overall; pt 94.4, en 92.2, es 92.2; cancellation 95.7; opt-out 100); first measured, untuned, at 87.6 %. */
const HOLDOUT_2_FLOORS = { overall: 0.91, pt: 0.92, en: 0.9, es: 0.9, cancellation: 0.93, optOut: 0.95 };
const HOLDOUT_FLOORS = { overall: 0.85, pt: 0.85, en: 0.82, es: 0.89, cancellation: 0.92, optOut: 0.9, billing: 0.95 };
