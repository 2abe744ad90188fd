import { type ServeSubprocess, startServeSubprocess } from '../../test/support/serve-subprocess.js';

/** A `ventros serve` subprocess started for a benchmark (the tests' helper, with a longer start). */
export type ServeProcess = ServeSubprocess;

/** Spawns `ventros serve` with `env` on top of PATH only and waits until it (all its workers) listens. */
export function startServe(options: { workers: number; env: Record<string, string> }): Promise<ServeProcess> {
  return startServeSubprocess({ ...options, startDeadlineMs: 120_000 });
}
