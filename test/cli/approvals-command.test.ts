import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs `ventros <args>` as a real subprocess with an isolated, offline environment. */
function ventros(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dataDir,
        VENTROS_MODEL: 'offline',
        VENTROS_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/*
 * The CLI end to end, each command its own process on one data dir: a severe escalation (offline model)
 * waits; `approvals list` shows it; `approvals approve` resumes it in a new process and prints the
 * answer; a second decision fails with the conflict.
 */
describe('ventros approvals (subprocesses, offline model)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ventros-approvals-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists, approves once, and refuses a second decision', async () => {
    const run = await ventros(
      [
        'run',
        'retention_churn',
        'Isso é um absurdo, vou no Procon e quero cancelar',
        '--contact',
        'contact-vanessa',
        '--json',
      ],
      dataDir,
    );
    expect(run.code, run.stderr).toBe(0);
    const paused = JSON.parse(run.stdout) as { status: string; approval: { id: string } };
    expect(paused.status).toBe('awaiting_approval');
    const id = paused.approval.id;

    const list = await ventros(['approvals', 'list', '--status', 'pending', '--json'], dataDir);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { approvals: Array<{ id: string }> }).approvals.map((a) => a.id)).toEqual([id]);

    const approve = await ventros(['approvals', 'approve', id, '--note', 'ok', '--json'], dataDir);
    expect(approve.code, approve.stderr).toBe(0);
    const decided = JSON.parse(approve.stdout) as {
      approval: { status: string };
      result: { status: string; tool_calls: Array<{ tool_name: string; is_error: boolean }> };
    };
    expect(decided.approval.status).toBe('approved');
    expect(decided.result.status).toBe('completed');
    expect(decided.result.tool_calls.at(-1)).toMatchObject({ tool_name: 'escalate_to_supervisor', is_error: false });

    const again = await ventros(['approvals', 'reject', id], dataDir);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already approved/);
  }, 300_000);
});
