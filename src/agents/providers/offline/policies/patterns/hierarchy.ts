import { DIRECTORS, type DirectorName } from '../../../../catalog/patterns/pattern-names.js';
import type { OfflinePolicy } from '../../offline-policy.js';
import { handoffPolicy, routeHint } from '../../policy-kit/handoff-policy.js';

/** The director whose team includes the routed template; sales by default. */
function directorFor(state: Readonly<Record<string, unknown>>): DirectorName {
  for (const [director, team] of Object.entries(DIRECTORS) as Array<[DirectorName, readonly string[]]>) {
    if (routeHint(state, team)) return director;
  }
  return 'sales_director';
}

/** ceo_agent (catalog/patterns/hierarchy.ts): hands off to the director of the routed template's team. */
export const ceoPolicy: OfflinePolicy = handoffPolicy((_m, state) => directorFor(state));

/** Each director: hands off to the routed specialist when it is on the team, else to the team's first. */
export const directorPolicies: ReadonlyMap<string, OfflinePolicy> = new Map(
  (Object.entries(DIRECTORS) as Array<[DirectorName, readonly string[]]>).map(([director, team]) => [
    director,
    handoffPolicy((_m, state) => routeHint(state, team) ?? team[0] ?? 'balanced'),
  ]),
);
