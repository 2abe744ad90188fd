import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** A `ventros serve` subprocess started for a benchmark. */
export interface ServeProcess {
  readonly pid: number;
  readonly port: number;
  /** SIGTERM, then waits (bounded) for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Spawns `ventros serve` (through tsx, like the tests) with `env` on top of PATH only, and waits until
 * it (all its workers) listens. Rejects with its stderr when it exits or takes longer than 120 s.
 */
export async function startServe(options: {
  port: number;
  workers: number;
  env: Record<string, string>;
}): Promise<ServeProcess> {
  const args = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', '--port', String(options.port)];
  args.push('--grpc-port', '0', ...(options.workers > 1 ? ['--workers', String(options.workers)] : []));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  const ready = options.workers > 1 ? `${options.workers} workers serving` : 'ventros: HTTP on';
  const deadline = Date.now() + 120_000;
  while (!stderr.includes(ready)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid: child.pid as number,
    port: options.port,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
