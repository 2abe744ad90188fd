/**
 * Start-up of the commands people launch most, each next to its bare baseline, in one run:
 * - `ventros --help` (wall ms) vs a bare `node -e 0`;
 * - `ventros mcp` (what Claude Desktop launches): ms from spawn to the answers of `initialize` and
 *   `tools/list`, vs a bare one-tool MCP server on the official SDK.
 *
 * Runs the built CLI (`npm run build` first). `npx tsx bench/cli-start.bench.ts [runs=15]`
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { percentile, table } from './support/stats.js';

const runs = Number(process.argv[2] ?? 15);
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist/cli/main.js');

async function wallMs(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'], env });
  await new Promise<void>((done, fail) => {
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${args.join(' ')} exited ${code}`))));
  });
  return performance.now() - started;
}

/** Spawns an MCP server on stdio; ms until `initialize` answered, and until `tools/list` answered. */
async function mcpReadyMs(args: string[], env: NodeJS.ProcessEnv): Promise<{ initialize: number; toolsList: number }> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'], env });
  const send = (message: object) => child.stdin?.write(`${JSON.stringify(message)}\n`);
  const times: { initialize?: number; toolsList?: number } = {};
  let buffer = '';
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${args.join(' ')}: no tools/list answer in 30 s`)), 30_000);
    child.on('exit', (code) => fail(new Error(`${args.join(' ')} exited ${code} before answering`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const message = JSON.parse(line) as { id?: number };
        if (message.id === 1) {
          times.initialize = performance.now() - started;
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
        } else if (message.id === 2) {
          times.toolsList = performance.now() - started;
          clearTimeout(timer);
          done();
        }
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
    });
  });
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { initialize: times.initialize ?? Number.NaN, toolsList: times.toolsList ?? Number.NaN };
}

function row(name: string, samples: number[]) {
  return { command: name, p50_ms: percentile(samples, 50), min_ms: Math.min(...samples), max_ms: Math.max(...samples) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'ventros-start-'));
const env = { ...process.env, VENTROS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', VENTROS_MODEL: 'offline' };
try {
  // Warm the data dir (the first `ventros mcp` seeds the demo store) and the OS file cache.
  await mcpReadyMs([cli, 'mcp'], env);
  await wallMs([cli, '--help']);
  const bare: number[] = [];
  const help: number[] = [];
  const sdk: number[] = [];
  const sdkInit: number[] = [];
  const ours: number[] = [];
  const oursInit: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await wallMs(['-e', '0']));
    help.push(await wallMs([cli, '--help']));
    const baseline = await mcpReadyMs([join(root, 'bench/support/one-tool-mcp-server.mjs')], env);
    sdk.push(baseline.toolsList);
    sdkInit.push(baseline.initialize);
    const mcp = await mcpReadyMs([cli, 'mcp'], env);
    ours.push(mcp.toolsList);
    oursInit.push(mcp.initialize);
  }
  console.log(
    `start-up, ${runs} runs each, alternating (load ${(await import('node:os')).loadavg()[0]?.toFixed(2)})\n`,
  );
  console.log(
    table([
      row('node -e 0 (bare Node)', bare),
      row('ventros --help', help),
      row('one-tool MCP server: initialize', sdkInit),
      row('one-tool MCP server: + tools/list', sdk),
      row('ventros mcp: initialize', oursInit),
      row('ventros mcp: + tools/list', ours),
    ]),
  );
  console.log(
    `\nventros --help: ${(percentile(help, 50) / percentile(bare, 50)).toFixed(2)}× bare Node; ` +
      `ventros mcp tools/list: ${(percentile(ours, 50) / percentile(sdk, 50)).toFixed(2)}× the bare one-tool server`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
