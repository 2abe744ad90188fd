import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runConformance } from '../support/conformance-suite.js';
import { type ServedFixture, serveFrameworkFixture } from './framework-fixture-server.js';

/**
 * The suite's server scenarios against a fixture server built on our tool-server framework
 * (framework-fixture-server.ts: createToolServer + McpHttpHandler), so the scenarios that need fixture
 * tools, resources and prompts — content types, errors, progress, logging, sampling, elicitation,
 * resources, prompts, completion, input-required rounds — run against our code, which the agents at
 * `/mcp` cannot show (agents-server.test.ts baselines them). Each revision's failing checks (FAILURE or
 * WARNING) must be exactly its baseline's entries (`<scenario>` or `<scenario>:<check-id>`): a new failure
 * fails the test, and so does an entry that passes again — including extension scenarios (tasks) that the
 * suite runs but does not score. The suite runs its scenarios one at a time; the revisions run one after
 * the other (the machine has 2 cores).
 */
let fixture: ServedFixture;
let outDir: string;

beforeAll(async () => {
  fixture = await serveFrameworkFixture();
  outDir = await mkdtemp(path.join(tmpdir(), 'ventros-conformance-framework-'));
});

afterAll(async () => {
  await fixture?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

interface Outcome {
  scenario: string;
  failed: string[];
  passed: number;
}

/** Each scenario's checks from the suite's output folder (`server-<scenario>-<timestamp>/checks.json`). */
async function outcomesIn(dir: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const name of await readdir(dir)) {
    const scenario = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(name)?.[1];
    if (!scenario) continue;
    const checks = JSON.parse(await readFile(path.join(dir, name, 'checks.json'), 'utf8')) as {
      id: string;
      status: string;
    }[];
    const failed = [
      ...new Set(checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING').map((c) => c.id)),
    ];
    outcomes.push({ scenario, failed: failed.sort(), passed: checks.filter((c) => c.status === 'SUCCESS').length });
  }
  return outcomes;
}

/** Baseline entries: whole scenarios, and single checks (`<scenario>:<check-id>`). */
async function baselineOf(file: string): Promise<{ scenarios: Set<string>; checks: Map<string, Set<string>> }> {
  const { server } = parse(await readFile(path.resolve('test/conformance', file), 'utf8')) as { server: string[] };
  const scenarios = new Set<string>();
  const checks = new Map<string, Set<string>>();
  for (const entry of server) {
    const [scenario, check] = entry.split(':') as [string, string | undefined];
    if (check === undefined) scenarios.add(scenario);
    else checks.set(scenario, (checks.get(scenario) ?? new Set()).add(check));
  }
  return { scenarios, checks };
}

describe.each([
  {
    revision: '2025-11-25',
    file: 'framework-server-baseline.yml',
    select: ['--suite', 'all', '--spec-version', '2025-11-25'],
    atLeast: 33,
    samples: ['tools-call-with-progress', 'tools-call-sampling', 'resources-subscribe', 'json-schema-2020-12'],
  },
  {
    revision: '2026-07-28',
    file: 'framework-server-baseline-2026.yml',
    select: ['--requirements', '2026-07-28'],
    atLeast: 45,
    samples: [
      'http-custom-header-server-validation',
      'tools-call-image',
      'input-required-result-multi-round',
      'json-schema-2020-12',
    ],
  },
])('MCP conformance suite, server scenarios of $revision (the framework fixture server)', (run) => {
  it(`fails no check outside ${run.file}, and every baselined entry still fails`, { timeout: 300_000 }, async () => {
    const out = path.join(outDir, run.revision);
    const baselineFile = path.resolve('test/conformance', run.file);
    const { code, output } = await runConformance(
      ['server', '--url', fixture.url, ...run.select, '--expected-failures', baselineFile, '-o', out],
      280_000,
    );
    const outcomes = await outcomesIn(out);
    const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
    const failed = outcomes.reduce((sum, o) => sum + o.failed.length, 0);
    const green = outcomes.filter((o) => o.failed.length === 0).length;
    // The figures the README and reports quote.
    console.log(
      `${run.revision}: ${outcomes.length} server scenarios (${green} green), ${passed} checks passed, ${failed} failed`,
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(run.atLeast);
    for (const sample of run.samples) expect(outcomes.find((o) => o.scenario === sample)?.failed).toEqual([]);

    const baseline = await baselineOf(run.file);
    const unexpected = outcomes.flatMap(({ scenario, failed }) =>
      baseline.scenarios.has(scenario)
        ? []
        : failed.filter((id) => !baseline.checks.get(scenario)?.has(id)).map((id) => `${scenario}:${id}`),
    );
    expect(unexpected, output.slice(-4000)).toEqual([]);
    const stale = [
      ...[...baseline.scenarios].filter((s) => !outcomes.find((o) => o.scenario === s)?.failed.length),
      ...[...baseline.checks].flatMap(([scenario, ids]) =>
        [...ids]
          .filter((id) => !outcomes.find((o) => o.scenario === scenario)?.failed.includes(id))
          .map((id) => `${scenario}:${id}`),
      ),
    ];
    expect(stale).toEqual([]);
    // The suite's own verdict on the scored scenarios agrees.
    expect(output).toContain('Baseline check passed');
    expect(code).toBe(0);
  });
});
