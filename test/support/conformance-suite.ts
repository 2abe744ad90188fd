import { spawn } from 'node:child_process';

/**
 * The official suite needs Node 22; npx brings it (`node@22`) next to the suite's own package. 0.2.0-alpha
 * is the first line with the 2026-07-28 scenarios (`--requirements 2026-07-28`, `server-stateless`,
 * `request-metadata`, …); it still runs the 2025-11-25 ones (`--spec-version 2025-11-25`).
 */
export const CONFORMANCE_PACKAGE = '@modelcontextprotocol/conformance@0.2.0-alpha.12';
const SUITE = ['-y', '-p', 'node@22', '-p', CONFORMANCE_PACKAGE, '--', 'conformance'];

/** Runs `conformance <args>`; resolves with its exit code and output, or rejects after `timeoutMs`. */
export function runConformance(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', [...SUITE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`conformance ${args.join(' ')} did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
