import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runConformance } from '../support/conformance-suite.js';

/**
 * Every client scenario the suite tags 2026-07-28, and every one it tags 2025-11-25 (extensions aside), run
 * against our host as the client (conformance-client.ts) at that revision. Each scenario's failing checks
 * (FAILURE or WARNING) must be exactly its entries in client-baseline-<year>.yml: a new failure fails the
 * test, and so does a baselined check that now passes. One scenario per suite run, a few at a time: the
 * suite's own parallel mode starts every client at once, which times out on a small CI machine.
 */
const CLIENT = `${process.execPath} --import tsx ${path.resolve('test/conformance/conformance-client.ts')}`;
const AT_ONCE = 3;

let outDir: string;
/** `conformance list --client`: each scenario with the revisions it applies to. */
let listing: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'ventros-conformance-client-'));
  listing = (await runConformance(['list', '--client'], 30_000)).output;
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

interface Outcome {
  scenario: string;
  failed: string[];
  passed: number;
  output: string;
}

function scenariosOf(revision: string): string[] {
  return [...listing.matchAll(/^ {2}- (\S+) \[([^\]]*)\]$/gm)]
    .filter(([, , revisions]) => revisions?.split(',').includes(revision))
    .map(([, name]) => name as string);
}

/** Baselined check ids by scenario (`<scenario>:<check-id>` lines under `client:`). */
async function baselineOf(file: string): Promise<Map<string, Set<string>>> {
  const { client } = parse(await readFile(path.resolve('test/conformance', file), 'utf8')) as { client: string[] };
  const baseline = new Map<string, Set<string>>();
  for (const entry of client) {
    const [scenario, check] = entry.split(':') as [string, string];
    baseline.set(scenario, (baseline.get(scenario) ?? new Set()).add(check));
  }
  return baseline;
}

async function runScenario(scenario: string, revision: string): Promise<Outcome> {
  const dir = path.join(outDir, revision, scenario.replaceAll('/', '_'));
  const args = ['client', '--command', CLIENT, '--scenario', scenario, '--spec-version', revision];
  const { output } = await runConformance([...args, '--timeout', '90000', '-o', dir], 120_000);
  const runs = await readdir(path.join(dir, path.dirname(scenario)));
  const run = runs.find((name) => name.startsWith(`${path.basename(scenario)}-2`));
  if (!run) return { scenario, failed: ['(no results)'], passed: 0, output };
  const checks = JSON.parse(await readFile(path.join(dir, path.dirname(scenario), run, 'checks.json'), 'utf8')) as {
    id: string;
    status: string;
  }[];
  const failed = [...new Set(checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING').map((c) => c.id))];
  return { scenario, failed: failed.sort(), passed: checks.filter((c) => c.status === 'SUCCESS').length, output };
}

describe.each([
  { revision: '2026-07-28', file: 'client-baseline-2026.yml', atLeast: 25, sample: 'request-metadata' },
  { revision: '2025-11-25', file: 'client-baseline-2025.yml', atLeast: 15, sample: 'initialize' },
])(
  'MCP conformance suite, client scenarios of $revision (the host as the client)',
  ({ revision, file, atLeast, sample }) => {
    it(`fails no check outside ${file}, and every baselined check still fails`, { timeout: 900_000 }, async () => {
      const scenarios = scenariosOf(revision);
      expect(scenarios).toContain(sample);
      expect(scenarios.length).toBeGreaterThanOrEqual(atLeast);
      const baseline = await baselineOf(file);
      const pending = [...scenarios];
      const outcomes: Outcome[] = [];
      await Promise.all(
        Array.from({ length: AT_ONCE }, async () => {
          for (let next = pending.shift(); next; next = pending.shift())
            outcomes.push(await runScenario(next, revision));
        }),
      );
      const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
      const failed = outcomes.reduce((sum, o) => sum + o.failed.length, 0);
      // The figures the README and reports quote.
      console.log(`${revision}: ${outcomes.length} client scenarios, ${passed} checks passed, ${failed} failed`);
      const unexpected = outcomes.flatMap(({ scenario, failed, output }) =>
        failed
          .filter((id) => !baseline.get(scenario)?.has(id))
          .map((id) => ({ scenario, id, output: output.slice(-2000) })),
      );
      expect(unexpected).toEqual([]);
      const stale = [...baseline].flatMap(([scenario, ids]) => {
        const outcome = outcomes.find((o) => o.scenario === scenario);
        return [...ids].filter((id) => !outcome?.failed.includes(id)).map((id) => `${scenario}:${id}`);
      });
      expect(stale).toEqual([]);
      expect(outcomes.map((o) => o.scenario).sort()).toEqual([...scenarios].sort());
    });
  },
);
