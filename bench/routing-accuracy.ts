/**
 * Routing accuracy on the trust sets (test/fixtures/routing/trust-*.jsonl) through the catalog's real
 * routing path (`routeForRun`, audience included): acceptable-agent accuracy overall, per language, per
 * kind and for the cancellation family, top-1 agreement, abstentions, and the confidence of wrong
 * answers. Prints figures; asserts nothing (test/agents/router/routing-trust.test.ts holds the floors).
 *
 *   npx tsx bench/routing-accuracy.ts [--misses]
 *
 * `--misses` lists the DEV set's misses only. The holdout's messages are never printed: nobody tunes on it.
 */
import { TEMPLATES } from '../src/agents/catalog/index.js';
import { type RouteRequestOptions, SemanticRouter } from '../src/agents/router/index.js';
import { LocalEmbedder } from '../src/shared/index.js';
import { formatReport, loadTrustSet, routeTrustSet } from '../test/support/routing-trust.js';

const showMisses = process.argv.includes('--misses');

async function main(): Promise<void> {
  const router = await SemanticRouter.create({ embedder: new LocalEmbedder() });
  const byId = new Map(TEMPLATES.map((t) => [t.template_id, t]));
  const facts = (id: string) => byId.get(id);
  const route = (text: string, options?: RouteRequestOptions) => router.route(text, options);
  for (const name of ['dev', 'holdout', 'holdout-2'] as const) {
    const outcomes = await routeTrustSet(route, facts, loadTrustSet(name));
    console.log(formatReport(name, outcomes, showMisses && name === 'dev').join('\n'));
  }
}

await main();
