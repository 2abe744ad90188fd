import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = 'test/support/open-store-child.ts';
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the child; resolves with its exit code and stderr. */
function openInChild(
  kind: 'crm' | 'sessions',
  path: string,
  startAt: number,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, kind, path, String(startAt)], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

// A host and its stdio tool servers share one data dir, and start together: the first open of a fresh
// file must not fail in one of them ("table tenants already exists", "database is locked").
describe('two processes opening the same fresh SQLite file at once', () => {
  for (const kind of ['crm', 'sessions'] as const) {
    it(`both succeed for the ${kind} store, every time`, async () => {
      for (let round = 0; round < 4; round++) {
        const dir = mkdtempSync(join(tmpdir(), `ventros-open-${kind}-`));
        dirs.push(dir);
        const path = join(dir, `${kind}.db`);
        // Loading takes a second or more on a busy machine; all three open at the same instant after.
        const startAt = Date.now() + 4_000;
        const results = await Promise.all([1, 2, 3].map(() => openInChild(kind, path, startAt)));
        for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
      }
    }, 120_000);
  }
});
