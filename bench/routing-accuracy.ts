/**
 * Routing accuracy on the trust sets (test/fixtures/routing/trust-*.jsonl) through the catalog's real
 * routing path (`routeForRun`, audience included): acceptable-agent accuracy overall, per language, per
 * kind and for the cancellation family, top-1 agreement, abstentions, and the confidence of wrong
 * answers. Prints figures; asserts nothing (test/agents/router/routing-trust.test.ts holds the floors).
 *
 *   npx tsx bench/routing-accuracy.ts [--misses]
 *
 * DEV and the retired holdouts (`holdout`, `holdout-2`, `holdout-3`) are training data now: their
 * figures are in-sample (bench/router-loso.ts estimates unseen phrasing). Every active blind holdout
 * present (`trust-holdout-4.jsonl`, …) is measured too, and said to be absent when it is. `--misses` lists the
 * misses of the trained-on sets only: an active holdout's messages are never printed.
 */
import { TEMPLATES } from '../src/agents/catalog/index.js';
import { type RouteRequestOptions, SemanticRouter } from '../src/agents/router/index.js';
import { LocalEmbedder } from '../src/shared/index.js';
import {
  activeHoldouts,
  EXPECTED_ACTIVE_HOLDOUT,
  formatReport,
  loadTrustSet,
  RETIRED_HOLDOUTS,
  routeTrustSet,
} from '../test/support/routing-trust.js';

const showMisses = process.argv.includes('--misses');

async function main(): Promise<void> {
  const router = await SemanticRouter.create({ embedder: new LocalEmbedder() });
  const byId = new Map(TEMPLATES.map((t) => [t.template_id, t]));
  const facts = (id: string) => byId.get(id);
  const route = (text: string, options?: RouteRequestOptions) => router.route(text, options);
  const sets = [
    { name: 'dev' as const, title: 'dev (tuned and trained on)', trained: true },
    ...RETIRED_HOLDOUTS.map((name) => ({ name, title: `${name} (retired holdout, now trained on)`, trained: true })),
    ...activeHoldouts().map((name) => ({
      name,
      title: `${name} (ACTIVE blind holdout, never trained on)`,
      trained: false,
    })),
  ];
  for (const set of sets) {
    const outcomes = await routeTrustSet(route, facts, loadTrustSet(set.name));
    console.log(formatReport(set.title, outcomes, showMisses && set.trained).join('\n'));
  }
  if (activeHoldouts().length === 0) {
    console.log(
      `no active blind holdout: test/fixtures/routing/trust-${EXPECTED_ACTIVE_HOLDOUT}.jsonl is absent, so nothing above estimates unseen phrasing (see bench/router-loso.ts)`,
    );
  }
}

await main();
