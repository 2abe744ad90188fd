import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testSchema } from './support/test-engine.js';

const child = join(import.meta.dirname, 'support', 'workflow-child.ts');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs the child and resolves with the first stdout line whose `event` is `event`. */
function runChild(
  env: Record<string, string>,
  event: string,
): { process: ChildProcess; line: Promise<Record<string, unknown>> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const line = new Promise<Record<string, unknown>>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
    lines.on('line', (text) => {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      if (parsed['event'] === event) resolve(parsed);
    });
    proc.on('exit', (code, signal) =>
      reject(new Error(`child exited (${code ?? signal}) before "${event}": ${stderr}`)),
    );
  });
  return { process: proc, line };
}

describe('crash recovery', () => {
  it('resumes a lead nurturing killed during its sleep and runs every step exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ventros-wf-'));
    dirs.push(dir);
    const effectsLog = join(dir, 'effects.jsonl');
    const common = {
      DATABASE_URL: testDatabaseUrl(),
      DBOS_SCHEMA: testSchema('crash'),
      EFFECTS_LOG: effectsLog,
      CONTACT: 'lead-crash',
    };

    // First process: a day lasts 2 s; the lead has until day 3 (6 s) to answer, and the process dies before.
    const first = runChild({ ...common, MODE: 'start', DAY_MS: '2000' }, 'sleeping');
    const sleeping = (await first.line)['workflow'] as { status: string; steps_done: string[] };
    expect(sleeping).toMatchObject({ status: 'sleeping', steps_done: ['ai_welcome', 'send_welcome'] });
    const exited = new Promise((resolve) => first.process.on('exit', resolve));
    first.process.kill('SIGKILL');
    await exited;

    // Second process, a faster clock: the recorded day-3 deadline holds, the later days pass at once.
    const second = runChild({ ...common, MODE: 'resume', DAY_MS: '1' }, 'done');
    const done = (await second.line)['workflow'] as { status: string; steps_done: string[] };
    expect(done.status).toBe('completed');

    const calls = readFileSync(effectsLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { step: string; key: string; pid: number });
    const steps = calls.map((c) => c.step);
    expect(steps).toEqual([
      'ai_welcome',
      'send_welcome',
      'ai_outreach',
      'send_outreach',
      'ai_qualification',
      'move_pipeline_stage',
      'ai_retention_check',
      'send_retention_check',
      'assign_to_human',
    ]);
    expect(new Set(calls.map((c) => c.key)).size).toBe(calls.length);
    // The welcome ran in the killed process, everything after it in the new one.
    expect(calls.slice(0, 2).every((c) => c.pid === first.process.pid)).toBe(true);
    expect(calls.slice(2).every((c) => c.pid === second.process.pid)).toBe(true);
    expect(done.steps_done).toEqual([...steps.slice(0, 2), 'engagement_check', ...steps.slice(2)]);
  }, 90_000);
});
