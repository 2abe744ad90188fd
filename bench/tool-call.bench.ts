/**
 * One MCP tool call over stdio (a real `ventros server <name>` child) vs in-process (InMemoryTransport),
 * for a pure tool (format_table) and a store-backed one (check_customer_value). Prints p50/p95 and
 * calls/s; figures, not pass/fail.
 *
 *   npx tsx bench/tool-call.bench.ts [calls=300]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createServerByName, openServerDeps, type ServerName } from '../src/servers/registry.js';
import { seedDemoData } from '../src/servers/seed/index.js';
import { openCrmStore } from '../src/servers/store/index.js';
import { loadEnv } from '../src/shared/index.js';
import { percentile } from './support/stats.js';

const CALLS = Number(process.argv[2] ?? 300);
const WARMUP = 20;
const ROOT = new URL('../', import.meta.url).pathname;

const CASES: Array<{ server: ServerName; tool: string; args: Record<string, unknown> }> = [
  {
    server: 'format',
    tool: 'format_table',
    args: {
      columns: ['Agente', 'Conversões'],
      rows: [
        ['João', 7],
        ['Maria', 2],
      ],
    },
  },
  { server: 'retention', tool: 'check_customer_value', args: { contact_id: 'contact-carlos' } },
];

async function measure(client: Client, tool: string, args: Record<string, unknown>) {
  for (let i = 0; i < WARMUP; i++) await client.callTool({ name: tool, arguments: args });
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    const result = await client.callTool({ name: tool, arguments: args });
    times.push(performance.now() - t0);
    if (result.isError) throw new Error(`${tool} failed: ${JSON.stringify(result.content)}`);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), perSecond: (CALLS / total) * 1000 };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-bench-'));
  const store = await openCrmStore({ path: join(dir, 'crm.db') });
  await seedDemoData(store);
  const deps = await openServerDeps(loadEnv({ VENTROS_DATA_DIR: dir }), { store });
  const rows: string[] = [];
  try {
    for (const c of CASES) {
      const server = createServerByName(c.server, deps);
      const [a, b] = InMemoryTransport.createLinkedPair();
      await server.connect(a);
      const inProcess = new Client({ name: 'bench', version: '1' });
      await inProcess.connect(b);
      const mem = await measure(inProcess, c.tool, c.args);
      await inProcess.close();

      const stdio = new Client({ name: 'bench', version: '1' });
      await stdio.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: ['--import', 'tsx', 'src/cli/main.ts', 'server', c.server],
          cwd: ROOT,
          env: { ...(process.env as Record<string, string>), VENTROS_DATA_DIR: dir, LOG_LEVEL: 'silent' },
          stderr: 'ignore',
        }),
      );
      const io = await measure(stdio, c.tool, c.args);
      await stdio.close();
      const fmt = (r: typeof mem) =>
        `p50 ${r.p50.toFixed(3)} ms  p95 ${r.p95.toFixed(3)} ms  ${r.perSecond.toFixed(0)} calls/s`;
      rows.push(`${c.server}/${c.tool}`.padEnd(32) + `in-process: ${fmt(mem)}`);
      rows.push(''.padEnd(32) + `stdio:      ${fmt(io)}`);
    }
  } finally {
    await deps[Symbol.asyncDispose]();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`tool call latency, ${CALLS} sequential calls after ${WARMUP} warm-up\n${rows.join('\n')}\n`);
}

await main();
