/**
 * Host overhead: a tool call through `McpHost` vs a bare SDK `Client` on the same server, over a
 * stdio child and in process; plus start-up time of the default config (all six builtin servers).
 * Prints figures; it asserts nothing.
 *
 *   npx tsx bench/host-call.bench.ts [--calls 400]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createHost, loadHostConfig, parseHostConfig } from '../src/host/index.js';
import { loadEnv } from '../src/shared/index.js';
import { createFixtureServer } from '../test/support/fixture-mcp-server.js';
import { percentile } from './support/stats.js';

const callsIndex = process.argv.indexOf('--calls');
const CALLS = callsIndex > 0 ? Number(process.argv[callsIndex + 1]) : 400;
const WARMUP = 50;
const FIXTURE = path.resolve('test/support/fixture-mcp-server.ts');
const STDIO = { command: process.execPath, args: ['--import', 'tsx', FIXTURE, '--label', 'bench'] };

type Call = () => Promise<unknown>;

/** Runs the two calls in alternating blocks (so drift on a shared machine hits both alike). */
async function compare(bare: Call, viaHost: Call): Promise<{ bare: number[]; host: number[] }> {
  for (let i = 0; i < WARMUP; i++) {
    await bare();
    await viaHost();
  }
  const samples = { bare: [] as number[], host: [] as number[] };
  const block = 25;
  for (let done = 0; done < CALLS; done += block) {
    for (const [kind, call] of [
      ['bare', bare],
      ['host', viaHost],
    ] as const) {
      for (let i = 0; i < block; i++) {
        const start = performance.now();
        await call();
        samples[kind].push(performance.now() - start);
      }
    }
  }
  return samples;
}

function report(label: string, samples: { bare: number[]; host: number[] }): void {
  const bare = [...samples.bare].sort((a, b) => a - b);
  const host = [...samples.host].sort((a, b) => a - b);
  const f = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  const p50 = [percentile(bare, 50), percentile(host, 50)] as const;
  const p95 = [percentile(bare, 95), percentile(host, 95)] as const;
  console.log(`\n${label} (${bare.length} calls each)`);
  console.log(`  bare SDK Client  p50 ${f(p50[0])}  p95 ${f(p95[0])}`);
  console.log(`  McpHost          p50 ${f(p50[1])}  p95 ${f(p95[1])}`);
  console.log(`  overhead ratio   p50 ${(p50[1] / p50[0]).toFixed(2)}×  p95 ${(p95[1] / p95[0]).toFixed(2)}×`);
}

async function stdioBench(): Promise<void> {
  const client = new Client({ name: 'bench-bare', version: '1.0.0' });
  const transport = new StdioClientTransport({ ...STDIO, stderr: 'ignore' });
  await client.connect(transport);
  const host = await createHost({
    config: parseHostConfig({ mcpServers: { fx: STDIO } }, 'bench'),
    mode: 'strict',
  });
  try {
    const samples = await compare(
      () => client.callTool({ name: 'echo', arguments: { text: 'hi' } }),
      () => host.callTool('fx__echo', { text: 'hi' }, { tenantId: 'tenant-bench' }),
    );
    report('stdio child (fixture echo)', samples);
  } finally {
    await client.close();
    await host.close();
  }
}

async function inProcessBench(): Promise<void> {
  const client = new Client({ name: 'bench-bare', version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createFixtureServer('bare').connect(serverSide);
  await client.connect(clientSide);
  const host = await createHost({
    config: parseHostConfig({ mcpServers: { fx: { builtin: 'fixture' } } }, 'bench'),
    builtins: { fixture: () => createFixtureServer('host') },
    mode: 'strict',
  });
  try {
    const samples = await compare(
      () => client.callTool({ name: 'echo', arguments: { text: 'hi' } }),
      () => host.callTool('fx__echo', { text: 'hi' }, { tenantId: 'tenant-bench' }),
    );
    report('in process (InMemoryTransport, fixture echo)', samples);
  } finally {
    await client.close();
    await host.close();
  }
}

async function startupBench(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ventros-bench-host-'));
  try {
    // Imported here: the servers layer is the composition root's business, not the host's.
    const { createServerByName, openServerDeps, SERVER_NAMES } = await import('../src/servers/registry.js');
    const depsStart = performance.now();
    const deps = await openServerDeps(loadEnv({ ...process.env, VENTROS_DATA_DIR: dataDir }));
    const depsMs = performance.now() - depsStart;
    const builtins = Object.fromEntries(SERVER_NAMES.map((name) => [name, () => createServerByName(name, deps)]));
    const config = await loadHostConfig(path.resolve('mcp.config.json'));
    const runs: number[] = [];
    let tools = 0;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const host = await createHost({ config, builtins, mode: 'strict' });
      runs.push(performance.now() - start);
      tools = host.toolInfo().length;
      await host.close();
    }
    await deps[Symbol.asyncDispose]();
    runs.sort((a, b) => a - b);
    console.log(`\nstart-up, default mcp.config.json (${config.servers.length} builtin servers, ${tools} tools)`);
    console.log(`  open store + deps  ${depsMs.toFixed(1)} ms (fresh SQLite file, migrations)`);
    console.log(
      `  createHost         median ${percentile(runs, 50).toFixed(1)} ms, max ${runs.at(-1)?.toFixed(1)} ms (5 runs)`,
    );
  } catch (error) {
    console.log(`\nstart-up of the default config skipped: ${String(error)}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await inProcessBench();
await stdioBench();
await startupBench();
