import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * The official suite, a dev dependency (installed by `npm ci`, pinned: its scenarios change between alpha
 * releases). 0.2.0-alpha is the first line with the 2026-07-28 scenarios (`--requirements 2026-07-28`,
 * `server-stateless`, `request-metadata`, …); it still runs the 2025-11-25 ones (`--spec-version 2025-11-25`).
 * It runs on this process's Node (20 is fine: conformance-node20.mjs supplies the one Node 22 API it imports).
 */
export const CONFORMANCE_PACKAGE = '@modelcontextprotocol/conformance@0.2.0-alpha.12';
const SUITE = [
  '--import',
  path.join(root, 'test/support/conformance-node20.mjs'),
  path.join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js'),
];

/** Runs `conformance <args>`; resolves with its exit code and output, or rejects after `timeoutMs`. */
export function runConformance(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...SUITE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
