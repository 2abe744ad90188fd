import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../support/conformance-suite.js';

const CLIENT = `${process.execPath} --import tsx ${path.resolve('test/conformance/conformance-client.ts')}`;

const runScenario = (scenario: string, outDir: string, revision = '2025-11-25') =>
  runConformance(
    ['client', '--command', CLIENT, '--scenario', scenario, '--spec-version', revision, '-o', outDir],
    55_000,
  );

describe('MCP conformance suite, client scenarios (host as the client)', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'ventros-conformance-'));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('passes the initialize scenario', { timeout: 60_000 }, async () => {
    const { code, output } = await runScenario('initialize', outDir);
    expect(output).toContain('OVERALL: PASSED');
    expect(code).toBe(0);
  });

  it('passes the tools_call scenario (lists tools, calls add_numbers)', { timeout: 60_000 }, async () => {
    const { code, output } = await runScenario('tools_call', outDir);
    expect(output).toMatch(/tool-add-numbers.*SUCCESS/);
    expect(output).toContain('OVERALL: PASSED');
    expect(code).toBe(0);
  });

  it('passes tools_call on 2026-07-28 (server/discover, no initialize)', { timeout: 60_000 }, async () => {
    const { code, output } = await runScenario('tools_call', outDir, '2026-07-28');
    expect(output).toMatch(/tool-add-numbers.*SUCCESS/);
    expect(output).toContain('OVERALL: PASSED');
    expect(code).toBe(0);
  });

  it('passes request-metadata: the version and client identity in every request _meta', {
    timeout: 60_000,
  }, async () => {
    const { code, output } = await runScenario('request-metadata', outDir, '2026-07-28');
    expect(output).toMatch(/sep-2575-client-populates-meta.*SUCCESS/);
    expect(output).toMatch(/sep-2575-http-client-sends-version-header.*SUCCESS/);
    expect(output).toContain('OVERALL: PASSED');
    expect(code).toBe(0);
  });
});
