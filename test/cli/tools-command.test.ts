import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureStdioEntry } from '../host/helpers.js';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Each case spawns the CLI through tsx two or three times: generous bounds for a loaded machine.
describe('ventros tools (CLI subprocess)', { timeout: 120_000 }, () => {
  let dir: string;
  let configPath: string;

  /** Runs `ventros tools ...` through tsx with a bounded wait. */
  const ventros = (args: string[]): Promise<CliRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'tools', '--config', configPath, ...args],
        {
          env: { ...process.env, VENTROS_DATA_DIR: dir, LOG_LEVEL: 'silent' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`ventros tools ${args.join(' ')} did not finish; stderr: ${stderr}`));
      }, 55_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ventros-cli-tools-'));
    configPath = path.join(dir, 'mcp.config.json');
    await writeFile(
      configPath,
      JSON.stringify({ mcpServers: { fx: fixtureStdioEntry('cli'), format: { builtin: 'format' } } }),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every tool by server, and as JSON', async () => {
    const text = await ventros([]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('fx (ready, stdio)');
    expect(text.stdout).toContain('  fx__echo\n      Echoes text back.');
    expect(text.stdout).toMatch(/format \(ready, in-memory\)\n {2}format__/);
    // Resources, resource templates and prompts are listed with their server too.
    expect(text.stdout).toContain('  resource fixture://greeting  A fixed greeting.');
    expect(text.stdout).toContain('  resource fixture://items/{id}  An item by id.');
    expect(text.stdout).toContain('  prompt greet  Greets someone.');
    const json = await ventros(['--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { tools: Array<{ name: string; server: string }> };
    expect(parsed.tools).toContainEqual(expect.objectContaining({ name: 'fx__whoami', server: 'fx', tool: 'whoami' }));
    expect(JSON.parse(json.stdout)).toMatchObject({
      resources: expect.arrayContaining([expect.objectContaining({ uri: 'fixture://greeting', server: 'fx' })]),
      resource_templates: expect.arrayContaining([expect.objectContaining({ uriTemplate: 'fixture://items/{id}' })]),
      prompts: expect.arrayContaining([expect.objectContaining({ name: 'greet', server: 'fx' })]),
    });
  });

  it('calls a tool with the tenant and contact from flags, never from the arguments', async () => {
    const run = await ventros([
      '--call',
      'fx__whoami',
      '{"tenant_id":"evil","note":"n"}',
      '--tenant',
      't-9',
      '--contact',
      'c-2',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      label: 'cli',
      meta: { tenantId: 't-9', contactId: 'c-2' },
      args: { note: 'n' },
    });
  });

  it('exits 1 when the tool result is an error, and on bad JSON arguments', async () => {
    const failed = await ventros(['--call', 'fx__fail']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('this tool always fails');
    const bad = await ventros(['--call', 'fx__echo', '{text:']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/ventros: invalid JSON for the tool arguments: .*\[invalid_argument\]/);
  });
});
