/**
 * What reading workflows costs: `ventros workflows list` / `GET /api/workflows` (a page of records with
 * their steps) and the reply delivery every customer message triggers (the contact's unfinished
 * workflows, ids only). Side by side in one run, on N sleeping lead nurturings:
 *   - serial: the bare baseline, the round-1 code path written here — `DBOS.listWorkflows`, then
 *     `DBOS.listWorkflowSteps` for each workflow one after the other (1 + 2N queries, N round trips);
 *   - list: `engine.list` — the page's statuses, then every step of the page in one query (2 queries);
 *   - ids only: `engine.list({ withSteps: false })`, what `deliverReply` reads (one query).
 *
 *   npx tsx bench/workflow-list.bench.ts [workflows=100]
 *   (PostgreSQL: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a scratch DBOS
 *   schema is created there and dropped at the end)
 */
import { randomBytes } from 'node:crypto';
import { DBOS } from '@dbos-inc/dbos-sdk';
import pg from 'pg';
import {
  createWorkflowClock,
  DbosWorkflowEngine,
  WORKFLOW_CATALOG,
  type WorkflowEffects,
  WorkflowService,
} from '../src/agents/durable-workflows/index.js';
import { percentile, table } from './support/stats.js';

const WORKFLOWS = Number(process.argv[2] ?? 100);
const ROUNDS = 30;
const URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TENANT = 'tenant-bench';

const effects: WorkflowEffects = {
  runAgent: async (request) => ({ response: `hello from ${request.agent}` }),
  callTool: async () => ({ content: '{}' }),
  sendOutbound: async () => undefined,
};

async function main(): Promise<void> {
  const schema = `dbos_bench_${randomBytes(3).toString('hex')}`;
  // A workflow day of an hour: every nurturing sleeps after its welcome for the whole run.
  const engine = await DbosWorkflowEngine.launch({
    databaseUrl: URL,
    schema,
    effects,
    clock: createWorkflowClock(24),
  });
  const service = new WorkflowService(engine);
  try {
    for (let i = 0; i < WORKFLOWS; i++) {
      await service.start('lead_nurturing', { tenant_id: TENANT, contact_id: `lead-${i}` });
    }
    for (let i = 0; i < 2_000; i++) {
      const sleeping = await service.list({ status: 'sleeping', limit: 500 });
      if (sleeping.length >= WORKFLOWS) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const names = Object.values(WORKFLOW_CATALOG).map((d) => d.engineName);
    const serial = async () => {
      const statuses = await DBOS.listWorkflows({ workflowName: names, limit: WORKFLOWS, sortDesc: true });
      for (const status of statuses) await DBOS.listWorkflowSteps(status.workflowID);
      return statuses.length;
    };
    const list = async () => (await engine.list({ limit: WORKFLOWS })).length;
    const idsOnly = async () => (await engine.list({ limit: WORKFLOWS, withSteps: false, activeOnly: true })).length;
    const approaches: Array<[string, () => Promise<number>]> = [
      ['serial (baseline)', serial],
      ['list (one steps query)', list],
      ['ids only (replies)', idsOnly],
    ];
    const samples = new Map<string, number[]>(approaches.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which approach goes first, so neither always meets a warm cache.
      const order = round % 2 === 0 ? approaches : [...approaches].reverse();
      for (const [name, fn] of order) {
        const started = performance.now();
        const count = await fn();
        const ms = performance.now() - started;
        if (count !== WORKFLOWS) throw new Error(`${name} read ${count} workflows, expected ${WORKFLOWS}`);
        if (round >= 3) samples.get(name)?.push(ms);
      }
    }
    console.log(
      `reading ${WORKFLOWS} sleeping workflows, ${ROUNDS - 3} rounds after 3 warm-up rounds (ms for the whole page)`,
    );
    console.log(
      table(
        approaches.map(([name]) => {
          const values = samples.get(name) ?? [];
          return { approach: name, 'p50 ms': percentile(values, 50), 'p95 ms': percentile(values, 95) };
        }),
      ),
    );
  } finally {
    await engine.close();
    const admin = new pg.Client({ connectionString: URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

await main();
