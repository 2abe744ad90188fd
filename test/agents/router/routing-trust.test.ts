import { beforeAll, describe, expect, it } from 'vitest';
import { retiredTrustTraining } from '../../../scripts/retired-trust-training.js';
import { TEMPLATES } from '../../../src/agents/catalog/index.js';
import type { RouteOptions } from '../../../src/agents/catalog/routed-agent.js';
import { SemanticRouter } from '../../../src/agents/router/index.js';
import { ROUTER_TRAINING } from '../../../src/agents/router/training/index.js';
import { RETIRED_TRUST_TRAINING } from '../../../src/agents/router/training/retired-trust-sets.js';
import { LocalEmbedder, normalizeText } from '../../../src/shared/index.js';
import {
  activeHoldouts,
  confidenceFigures,
  EXPECTED_ACTIVE_HOLDOUT,
  formatReport,
  loadTrustSet,
  RETIRED_HOLDOUTS,
  routeTrustSet,
  summarize,
  type TrustOutcome,
  type TrustSetName,
} from '../../support/routing-trust.js';

/**
 * The router on the routing trust sets (test/fixtures/routing/README.md), through the catalog's own
 * routing path for each message's audience. DEV and the three retired holdouts (`holdout`, `holdout-2`,
 * `holdout-3`, retired on 2026-12-04 once their figures had been printed) are training data now: their
 * floors are in-sample floors that catch a broken feature, classifier or audience rule, not estimates
 * of accuracy on new messages (bench/router-loso.ts gives those). An active blind holdout
 * (`trust-holdout-4.jsonl`, found by file name) is only measured: its messages are never printed, no
 * training line may copy one, and its floors (set by the lead after its first and only measurement)
 * guard against regressions, not targets to tune for. When the file is absent, its tests are skipped
 * and say so.
 */
const byId = new Map(TEMPLATES.map((t) => [t.template_id, t]));
const facts = (id: string) => byId.get(id);
const TRAINED: readonly TrustSetName[] = ['dev', ...RETIRED_HOLDOUTS];
const ACTIVE = activeHoldouts();
const outcomes = new Map<TrustSetName, TrustOutcome[]>();

beforeAll(async () => {
  const router = await SemanticRouter.create({ embedder: new LocalEmbedder() });
  const route = (text: string, options?: RouteOptions) => router.route(text, options);
  for (const name of [...TRAINED, ...ACTIVE]) outcomes.set(name, await routeTrustSet(route, facts, loadTrustSet(name)));
  console.log(
    TRAINED.flatMap((name) => formatReport(`${name} (trained on)`, outcomes.get(name) ?? [], false)).join('\n'),
  );
}, 120_000);

const accuracy = (name: TrustSetName, slice: string) => summarize(outcomes.get(name) ?? []).get(slice)?.accuracy ?? 0;

describe('routing on the trust sets', () => {
  it('never routes a customer to an internal agent', () => {
    for (const o of [...outcomes.values()].flat().filter((x) => x.item.audience === 'customer')) {
      expect(facts(o.decision.templateId)?.customer_facing, o.item.id).toBe(true);
    }
  });

  it('trains on the DEV and retired holdout messages exactly as the fixtures say (generated file up to date)', () => {
    expect(RETIRED_TRUST_TRAINING).toEqual(retiredTrustTraining());
  });

  it.skipIf(ACTIVE.length === 0)(
    ACTIVE.length === 0
      ? `keeps the training utterances apart from the active blind holdout: no trust-${EXPECTED_ACTIVE_HOLDOUT}.jsonl present, nothing to check`
      : `keeps the training utterances apart from the active blind holdouts (${ACTIVE.join(', ')}; one- and two-word messages aside)`,
    () => {
      // "STOP", "SAIR", "oi", "thanks" are the same message whoever writes them; anything longer in both
      // the training data and an active holdout would be a copy.
      const training = new Set(Object.values(ROUTER_TRAINING).flat().map(normalizeText));
      const leaked = ACTIVE.flatMap((name) => loadTrustSet(name)).filter((m) => {
        const text = normalizeText(m.text);
        return text.split(' ').length > 2 && training.has(text);
      });
      expect(leaked.map((m) => m.id)).toEqual([]);
    },
  );

  it('routes the trained-on sets above their in-sample floors', () => {
    for (const name of TRAINED) {
      expect(accuracy(name, 'overall'), name).toBeGreaterThanOrEqual(IN_SAMPLE_FLOORS.overall);
      for (const lang of ['pt', 'en', 'es']) {
        expect(accuracy(name, `lang:${lang}`), `${name} ${lang}`).toBeGreaterThanOrEqual(IN_SAMPLE_FLOORS.language);
      }
      expect(accuracy(name, 'cancellation family'), name).toBeGreaterThanOrEqual(IN_SAMPLE_FLOORS.cancellation);
      expect(accuracy(name, 'kind:opt_out'), name).toBe(1);
      expect(accuracy(name, 'kind:billing'), name).toBeGreaterThanOrEqual(IN_SAMPLE_FLOORS.billing);
    }
  });

  it.skipIf(!ACTIVE.includes(EXPECTED_ACTIVE_HOLDOUT))(
    ACTIVE.includes(EXPECTED_ACTIVE_HOLDOUT)
      ? `keeps the active blind holdouts (${ACTIVE.join(', ')}) above the floors set at their one measurement`
      : `keeps the active blind holdout above its floors: no trust-${EXPECTED_ACTIVE_HOLDOUT}.jsonl present, nothing to check`,
    () => {
      for (const name of ACTIVE) {
        const floors = ACTIVE_HOLDOUT_FLOORS[name];
        expect(floors, `${name}: an active holdout needs floors set at its first measurement`).toBeDefined();
        if (!floors) continue;
        expect(accuracy(name, 'overall'), name).toBeGreaterThanOrEqual(floors.overall);
        for (const lang of ['pt', 'en', 'es']) {
          expect(accuracy(name, `lang:${lang}`), `${name} ${lang}`).toBeGreaterThanOrEqual(floors.language);
        }
        expect(accuracy(name, 'cancellation family'), name).toBeGreaterThanOrEqual(floors.cancellation);
        expect(accuracy(name, 'kind:opt_out'), name).toBeGreaterThanOrEqual(floors.optOut);
      }
    },
  );

  it('is less sure of its wrong answers than of its right ones', () => {
    for (const name of [...TRAINED, ...ACTIVE]) {
      const c = confidenceFigures(outcomes.get(name) ?? []);
      if (!Number.isNaN(c.meanWrong)) expect(c.meanWrong, name).toBeLessThan(c.meanRight - 0.15);
    }
  });
});

/**
 * Floors for sets the router is trained on (DEV and the retired holdouts): a few points under the
 * in-sample figures in docs/ROUTING.md, so a new training line does not break the build while a broken
 * feature or rule does. The old holdout-only floors (holdout 85 %, holdout-2 91 %, holdout-3 91 %) were
 * removed with the retirements: a floor on a set one trains on says nothing about new messages.
 */
const IN_SAMPLE_FLOORS = { overall: 0.96, language: 0.94, cancellation: 0.97, billing: 0.94 };

/**
 * Floors on the active blind holdouts, set after each one's single measurement on 2026-12-04, a few
 * points under its figures — holdout-4: 93.5 % overall, pt 91.3 / en 96.2 / es 93.6 %, cancellation
 * family 100 %, opt-out 100 %; holdout-5 (same router): 92.3 %, pt 91.3 / en 93.6 / es 92.3 %,
 * cancellation family 96 %, opt-out 100 %. A drop below them is a regression on new phrasing; raising
 * them needs a new measurement, never tuning on them.
 */
const ACTIVE_HOLDOUT_FLOORS: Partial<
  Record<TrustSetName, { overall: number; language: number; cancellation: number; optOut: number }>
> = {
  'holdout-4': { overall: 0.9, language: 0.87, cancellation: 0.96, optOut: 0.92 },
  'holdout-5': { overall: 0.89, language: 0.87, cancellation: 0.92, optOut: 0.92 },
};
