import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The official suite needs Node 22; npx brings it (`node@22`) next to the suite's own package. */
const SUITE = ['-y', '-p', 'node@22', '-p', '@modelcontextprotocol/conformance@0.1.16', '--', 'conformance'];
const CLIENT = `${process.execPath} --import tsx ${path.resolve('test/conformance/conformance-client.ts')}`;

function runScenario(scenario: string, outDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', [...SUITE, 'client', '--command', CLIENT, '--scenario', scenario, '-o', outDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`conformance scenario ${scenario} did not finish:\n${output}`));
    }, 55_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

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
});
