import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentsMcpHttp, startAgentsMcpHttp } from '../support/agents-mcp-http.js';
import { runConformance } from '../support/conformance-suite.js';

let agents: AgentsMcpHttp;
let url: string;
let outDir: string;

beforeAll(async () => {
  agents = await startAgentsMcpHttp();
  url = agents.url;
  outDir = await mkdtemp(path.join(tmpdir(), 'ventros-conformance-server-'));
});

afterAll(async () => {
  await agents?.close();
  await rm(outDir, { recursive: true, force: true });
});

/**
 * Checks of `server-stateless` (2026-07-28) that need a test server's fixtures: diagnostic tools
 * (test_missing_capability, test_streaming_elicitation, test_logging_tool) or lists that change while
 * a `subscriptions/listen` stream is open. Every other check of the scenario must pass.
 */
const STATELESS_FIXTURE_CHECKS = new Set([
  'sep-2575-server-rejects-undeclared-capability',
  'sep-2575-missing-capability-http-400',
  'sep-2575-http-server-no-independent-requests-on-stream',
  'sep-2575-server-no-log-without-loglevel',
  'sep-2575-server-sends-prompts-list-changed-on-subscription',
  'sep-2575-server-sends-tools-list-changed-on-subscription',
]);

/** The checks of one scenario's run, from the suite's output folder. */
async function checksOf(dir: string, scenario: string): Promise<{ id: string; status: string }[]> {
  const runs = (await readdir(dir)).filter((name) => name.startsWith(`server-${scenario}-2`));
  expect(runs).toHaveLength(1);
  return JSON.parse(await readFile(path.join(dir, runs[0] as string, 'checks.json'), 'utf8'));
}

describe('MCP conformance suite, server scenarios (the agents at /mcp)', () => {
  it('passes every 2025-11-25 scenario outside the fixture-only baseline', { timeout: 120_000 }, async () => {
    const baseline = path.resolve('test/conformance/server-baseline.yml');
    const out = path.join(outDir, '2025');
    const { code, output } = await runConformance(
      ['server', '--url', url, '--spec-version', '2025-11-25', '--expected-failures', baseline, '-o', out],
      110_000,
    );
    expect(output).toMatch(/✓ server-initialize/);
    expect(output).toMatch(/✓ server-session-lifecycle/);
    expect(output).toMatch(/✓ dns-rebinding-protection/);
    expect(output).toContain('Baseline check passed');
    expect(code).toBe(0);
  });

  it('passes the 2026-07-28 requirements outside the fixture-only baseline', { timeout: 120_000 }, async () => {
    const baseline = path.resolve('test/conformance/server-baseline-2026.yml');
    const out = path.join(outDir, '2026');
    const { code, output } = await runConformance(
      ['server', '--url', url, '--requirements', '2026-07-28', '--expected-failures', baseline, '-o', out],
      110_000,
    );
    for (const scenario of ['tools-list', 'resources-list', 'prompts-list', 'caching', 'sep-2164-resource-not-found']) {
      expect(output).toMatch(new RegExp(`✓ ${scenario}:`));
    }
    expect(output).toMatch(/✓ dns-rebinding-protection/);
    expect(output).toContain('Baseline check passed');
    expect(code).toBe(0);
    const stateless = await checksOf(out, 'server-stateless');
    expect(stateless.filter((c) => c.status === 'SUCCESS').length).toBeGreaterThan(20);
    const failed = stateless.filter((c) => c.status === 'FAILURE').map((c) => c.id);
    expect(failed.filter((id) => !STATELESS_FIXTURE_CHECKS.has(id))).toEqual([]);
  });
});
