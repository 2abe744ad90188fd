import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freeLoopbackPort } from './free-port.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A `ventros serve` subprocess (through tsx, like the CLI tests), listening on `port`. */
export interface ServeSubprocess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** Everything it wrote on stderr so far (the last 200 kB). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `killAfterMs`; resolves with the exit code. */
  stop(killAfterMs?: number): Promise<number | null>;
}

export interface ServeSubprocessOptions {
  /** The whole environment besides PATH (nothing else leaks in from the test process). */
  env: Record<string, string>;
  /** `--workers N` when above 1; ready means every worker listens. */
  workers?: number;
  /** How long one start may take before it fails with serve's stderr. */
  startDeadlineMs?: number;
}

const MAX_STDERR = 200_000;

/**
 * Spawns `ventros serve` on a free loopback port (gRPC on an ephemeral one) and waits until it (every
 * worker) listens. A port taken between the probe and serve's listen is tried again, at most three
 * times; any other early exit, or no readiness within the deadline, throws with serve's stderr.
 */
export async function startServeSubprocess(options: ServeSubprocessOptions): Promise<ServeSubprocess> {
  for (let attempt = 1; ; attempt++) {
    const started = await startOnce(options, await freeLoopbackPort());
    if (started) return started;
    if (attempt >= 3) throw new Error('serve found its port taken three times');
  }
}

async function startOnce(options: ServeSubprocessOptions, port: number): Promise<ServeSubprocess | undefined> {
  const workers = options.workers ?? 1;
  const args = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', '--port', String(port), '--grpc-port', '0'];
  if (workers > 1) args.push('--workers', String(workers));
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-MAX_STDERR);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = workers > 1 ? `${workers} workers serving` : 'ventros: HTTP on';
  const deadline = Date.now() + (options.startDeadlineMs ?? 90_000);
  while (!stderr.includes(ready)) {
    if (child.exitCode !== null && stderr.includes('EADDRINUSE')) return undefined;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    pid: child.pid as number,
    port,
    stderr: () => stderr,
    stop: async (killAfterMs = 40_000) => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
