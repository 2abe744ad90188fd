import path from 'node:path';
import { HostError } from '../../src/host/errors.js';

/** Absolute path of the fixture server (run through tsx). */
export const FIXTURE_SERVER = path.resolve('test/support/fixture-mcp-server.ts');

/** A stdio config entry that runs the fixture server as a child process. */
export function fixtureStdioEntry(label: string, extra: Record<string, unknown> = {}, flags: string[] = []) {
  return { command: process.execPath, args: ['--import', 'tsx', FIXTURE_SERVER, '--label', label, ...flags], ...extra };
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits (bounded: 200 × 25 ms) until `check` holds; returns whether it did. */
export async function eventually(check: () => boolean | Promise<boolean>, attempts = 200): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/** The HostError a promise rejects with (fails when it resolves or rejects with something else). */
export async function hostErrorOf(promise: Promise<unknown>): Promise<HostError> {
  try {
    await promise;
  } catch (error) {
    if (HostError.isInstance(error)) return error;
    throw new Error(`expected a HostError, got: ${String(error)}`);
  }
  throw new Error('expected a HostError, but the call succeeded');
}
