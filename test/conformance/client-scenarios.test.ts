import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runConformance } from '../support/conformance-suite.js';

/**
 * Every client scenario the suite tags 2026-07-28 (extensions aside), run against our host as the client
 * (conformance-client.ts). Each scenario's failing checks must be exactly its entries in
 * client-baseline-2026.yml: a new failure fails the test, and so does a baselined check that now passes.
 * One scenario per suite run, a few at a time: the suite's own parallel mode starts every client at once,
 * which times out on a small CI machine.
 */
const REVISION = '2026-07-28';
const CLIENT = `${process.execPath} --import tsx ${path.resolve('test/conformance/conformance-client.ts')}`;
const AT_ONCE = 3;

let outDir: string;
let scenarios: string[];
let baseline: Map<string, Set<string>>;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'ventros-conformance-client-'));
  const { output } = await runConformance(['list', '--client'], 30_000);
  scenarios = [...output.matchAll(/^ {2}- (\S+) \[([^\]]*)\]$/gm)]
    .filter(([, , revisions]) => revisions?.split(',').includes(REVISION))
    .map(([, name]) => name as string);
  const file = parse(await readFile(path.resolve('test/conformance/client-baseline-2026.yml'), 'utf8')) as {
    client: string[];
  };
  baseline = new Map();
  for (const entry of file.client) {
    const [scenario, check] = entry.split(':') as [string, string];
    baseline.set(scenario, (baseline.get(scenario) ?? new Set()).add(check));
  }
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

async function runScenario(scenario: string): Promise<Outcome> {
  const dir = path.join(outDir, scenario.replaceAll('/', '_'));
  const args = ['client', '--command', CLIENT, '--scenario', scenario, '--spec-version', REVISION];
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

describe(`MCP conformance suite, client scenarios of ${REVISION} (the host as the client)`, () => {
  it('fails no check outside client-baseline-2026.yml, and every baselined check still fails', {
    timeout: 900_000,
  }, async () => {
    expect(scenarios).toContain('request-metadata');
    expect(scenarios.length).toBeGreaterThan(25);
    const pending = [...scenarios];
    const outcomes: Outcome[] = [];
    await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        for (let next = pending.shift(); next; next = pending.shift()) outcomes.push(await runScenario(next));
      }),
    );
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
    expect(outcomes.reduce((sum, o) => sum + o.passed, 0)).toBeGreaterThan(300);
  });
});
