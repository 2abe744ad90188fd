/**
 * CPU of the HTTP layer alone for `POST /api/agents/message`: two server subprocesses on real sockets,
 * measured in alternating phases with the same load generator — a bare Hono route, and `createHttpApp`
 * (every middleware, body reading, validation, metrics, JSON of a realistic result) over a stub
 * application that answers at once with a canned execution result. The difference is what the HTTP
 * bridge costs a message on top of the run. CPU is each server's (/proc).
 *
 *   npx tsx bench/http-layer-cpu.bench.ts [--seconds 3] [--rounds 3] [--clients 16] [--baseline DIR]
 *
 * `--baseline DIR` adds a third server: `createHttpApp` from another checkout's `src` directory (say
 * `--baseline /work/wt/base/src`, not the checkout's root: the server then exits at start), so a change
 * to the HTTP layer is measured against the code before it, in turn.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AgentApplication, ExecutionResult } from '../src/agents/application/index.js';
import { createAppMetrics, createHttpApp } from '../src/bridge/index.js';
import { freeLoopbackPort } from '../test/support/free-port.js';
import { treeUsage } from './support/proc-stats.js';
import { table } from './support/stats.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    clients: { type: 'string', default: '16' },
    serve: { type: 'string' },
    port: { type: 'string' },
    baseline: { type: 'string' },
    src: { type: 'string' },
  },
});

/** An answer shaped like an offline retention run's (two tool calls, metadata, suggested actions). */
const RESULT = {
  response:
    'Entendo, Carlos. Antes de cancelar, posso te oferecer 20% de desconto nos próximos 3 meses do seu plano. Quer que eu aplique?',
  intent: 'churn_risk',
  confidence: 0.91,
  suggested_actions: ['review_retention_offer'],
  metadata: {
    model: 'offline',
    offline: 'true',
    run_id: 'run-0a1b2c3d',
    tenant_id: 'tenant-demo',
    contact_id: 'contact-carlos',
    session_id: '5f0c8a2e-4d1b-4f7a-9a51-0d3c7e2b9f10',
    entry_agent: 'coordinator',
    agent_category: 'retention',
    usage_input_tokens: '0',
    usage_output_tokens: '0',
    route_template: 'retention_churn',
    route_confidence: '0.910',
    route_fallback: 'false',
  },
  latency_ms: 4,
  tool_calls: [
    {
      tool_name: 'memory__search_memory',
      arguments: { query: 'Quero cancelar, está muito caro', limit: 5 },
      result: JSON.stringify({ results: [{ id: 'm1', text: 'Cliente reclamou do preço em março', score: 0.82 }] }),
      success: true,
      latency_ms: 1,
    },
    {
      tool_name: 'retention__create_retention_offer',
      arguments: { contact_id: 'contact-carlos', discount_percent: 20, duration_months: 3 },
      result: JSON.stringify({ offer_id: 'offer-1', status: 'created', discount_percent: 20 }),
      success: true,
      latency_ms: 1,
    },
  ],
  thoughts: ['routed to retention_churn (0.91)', 'offer within the 30% limit'],
  agent_used: 'retention_churn',
} as unknown as ExecutionResult;

async function serveChild(kind: string, port: number, src?: string): Promise<void> {
  let fetch: (request: Request) => Response | Promise<Response>;
  if (kind === 'bare') {
    const app = new Hono();
    app.post('/api/agents/message', async (c) => c.json({ ...RESULT, echo: (await c.req.json()).message }));
    fetch = app.fetch;
  } else {
    const stub = {
      execute: async () => RESULT,
      stream: () => {
        throw new Error('not in this bench');
      },
      agents: () => [],
      templates: () => [],
    } as unknown as AgentApplication;
    const bridge: typeof import('../src/bridge/index.js') = src
      ? await import(join(resolve(src), 'bridge/index.ts'))
      : { createAppMetrics, createHttpApp };
    const metrics = bridge.createAppMetrics({ processMetrics: true });
    const http = bridge.createHttpApp({
      app: stub,
      metrics: metrics.http,
      apiTokens: new Map(),
      defaultTenantId: 'tenant-demo',
    });
    fetch = http.fetch;
  }
  serve({ fetch, port, hostname: '127.0.0.1' }, () => process.stderr.write('ready\n'));
}

async function startChild(kind: string, src?: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freeLoopbackPort();
  const argv = ['--import', 'tsx', import.meta.filename, '--serve', kind, '--port', String(port)];
  const child = spawn(process.execPath, [...argv, ...(src ? ['--src', src] : [])], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', () => reject(new Error(`the ${kind} server exited`)));
  });
  return { child, url: `http://127.0.0.1:${port}/api/agents/message` };
}

/** Closed loop for `seconds`; answered requests (a non-200 throws: the stub must answer). */
async function load(url: string, clients: number, seconds: number): Promise<number> {
  let done = 0;
  let next = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const i = next++;
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            message: 'Quero cancelar, está muito caro',
            contact_id: `http-bench-contact-${i % 500}`,
          }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        done++;
      }
    }),
  );
  return done;
}

async function main(): Promise<void> {
  const seconds = Number(args.seconds);
  const clients = Number(args.clients);
  const kinds = ['bare Hono route', 'createHttpApp, stub application'];
  const servers = [await startChild('bare'), await startChild('app')];
  if (args.baseline) {
    kinds.push(`createHttpApp from ${args.baseline}`);
    servers.push(await startChild('app', args.baseline));
  }
  const totals = kinds.map(() => ({ cpu: 0, n: 0 }));
  const loadBefore = loadavg()[0] ?? 0;
  try {
    for (const s of servers) await load(s.url, clients, 1); // warm-up (JIT)
    for (let round = 0; round < Number(args.rounds); round++) {
      for (let k = 0; k < servers.length; k++) {
        const which = (k + round) % servers.length;
        const { child, url } = servers[which] as (typeof servers)[number];
        const before = treeUsage(child.pid as number).cpuMs;
        const n = await load(url, clients, seconds);
        const t = totals[which] as { cpu: number; n: number };
        t.cpu += treeUsage(child.pid as number).cpuMs - before;
        t.n += n;
      }
    }
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
  }
  const rows = kinds.map((kind, i) => ({
    server: kind,
    requests: totals[i]?.n ?? 0,
    'CPU ms/request': (totals[i]?.cpu ?? 0) / (totals[i]?.n ?? 1),
  }));
  process.stdout.write(
    `HTTP layer, POST /api/agents/message, ${clients} clients (load ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)})\n${table(rows)}\n`,
  );
}

if (args.serve) await serveChild(args.serve, Number(args.port), args.src);
else await main();
