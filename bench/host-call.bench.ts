/**
 * Host overhead: a tool call through `McpHost` vs a bare SDK `Client` on the same server, over a
 * stdio child and in process; plus start-up time of the default config (all six builtin servers).
 * The host always sends the trusted context in `_meta`, which the server then parses; the
 * "bare + _meta" row sends the same `_meta` from a bare client, so the gap between it and the host
 * is the host's own work. Prints figures; it asserts nothing.
 *
 *   npx tsx bench/host-call.bench.ts [--calls 400]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createHost, loadHostConfig, parseHostConfig } from '../src/host/index.js';
import { loadEnv, toMeta } from '../src/shared/index.js';
import { createFixtureServer } from '../test/support/fixture-mcp-server.js';
import { percentile } from './support/stats.js';

const callsIndex = process.argv.indexOf('--calls');
const CALLS = callsIndex > 0 ? Number(process.argv[callsIndex + 1]) : 400;
const WARMUP = 50;
const FIXTURE = path.resolve('test/support/fixture-mcp-server.ts');
const STDIO = { command: process.execPath, args: ['--import', 'tsx', FIXTURE, '--label', 'bench'] };

type Call = () => Promise<unknown>;
type Samples = { bare: number[]; bareMeta: number[]; host: number[] };

const TENANT = 'tenant-bench';
const ECHO = { name: 'echo', arguments: { text: 'hi' } };
const ECHO_WITH_META = { ...ECHO, _meta: toMeta({ tenantId: TENANT }) };

/** Runs the calls in alternating blocks (so drift on a shared machine hits all alike). */
async function compare(calls: Record<keyof Samples, Call>): Promise<Samples> {
  const kinds = Object.keys(calls) as Array<keyof Samples>;
  for (let i = 0; i < WARMUP; i++) for (const kind of kinds) await calls[kind]();
  const samples: Samples = { bare: [], bareMeta: [], host: [] };
  const block = 25;
  for (let done = 0; done < CALLS; done += block) {
    for (const kind of kinds) {
      for (let i = 0; i < block; i++) {
        const start = performance.now();
        await calls[kind]();
        samples[kind].push(performance.now() - start);
      }
    }
  }
  return samples;
}

function report(label: string, samples: Samples): void {
  const f = (ms: number) => `${(ms * 1000).toFixed(0)} µs`.padStart(8);
  const p = (values: number[], q: number) => percentile(values, q);
  console.log(`\n${label} (${samples.bare.length} calls each)`);
  console.log(`  bare SDK Client          p50 ${f(p(samples.bare, 50))}  p95 ${f(p(samples.bare, 95))}`);
  console.log(`  bare SDK Client + _meta  p50 ${f(p(samples.bareMeta, 50))}  p95 ${f(p(samples.bareMeta, 95))}`);
  console.log(`  McpHost                  p50 ${f(p(samples.host, 50))}  p95 ${f(p(samples.host, 95))}`);
  const ratio = (a: number[], b: number[], q: number) => (p(a, q) / p(b, q)).toFixed(2);
  console.log(
    `  host / bare              p50 ${ratio(samples.host, samples.bare, 50)}×  p95 ${ratio(samples.host, samples.bare, 95)}×`,
  );
  console.log(
    `  host / bare + _meta      p50 ${ratio(samples.host, samples.bareMeta, 50)}×  p95 ${ratio(samples.host, samples.bareMeta, 95)}×`,
  );
}

async function stdioBench(): Promise<void> {
  // One child per row: with blocks taking turns, a child shared by two rows would stay busier (warmer
  // caches, scheduled sooner) than the host's and flatter the bare client.
  const bare = await bareStdioClient();
  const bareMeta = await bareStdioClient();
  const host = await createHost({
    config: parseHostConfig({ mcpServers: { fx: STDIO } }, 'bench'),
    mode: 'strict',
  });
  try {
    const samples = await compare({
      bare: () => bare.callTool(ECHO),
      bareMeta: () => bareMeta.callTool(ECHO_WITH_META),
      host: () => host.callTool('fx__echo', { text: 'hi' }, { tenantId: TENANT }),
    });
    report('stdio child (fixture echo, one child per row)', samples);
  } finally {
    await bare.close();
    await bareMeta.close();
    await host.close();
  }
}

async function bareStdioClient(): Promise<Client> {
  const client = new Client({ name: 'bench-bare', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ ...STDIO, stderr: 'ignore' }));
  return client;
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
    const samples = await compare({
      bare: () => client.callTool(ECHO),
      bareMeta: () => client.callTool(ECHO_WITH_META),
      host: () => host.callTool('fx__echo', { text: 'hi' }, { tenantId: TENANT }),
    });
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
