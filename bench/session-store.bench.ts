/**
 * Per-turn cost of the session store: load at the start of a run + save at the end, for a session that
 * already holds 0, 50 or 190 messages (the cap is 200). Side by side in one run, on SQLite and on
 * PostgreSQL:
 *   - rewrite: the old behaviour, a bare baseline written here — load the row, parse and check the
 *     whole history, then JSON.stringify the whole history plus the turn and UPSERT it (into the old
 *     store's table shape, with its two indexes);
 *   - append: the stores — load the state and the 40-message window the runtime reads, append the
 *     turn's 4 messages (user, tool_use, tool_result, answer) and write the state.
 * Each turn runs on its own pre-filled session, so every measured turn sees exactly that history.
 * CPU is this process's (user + system) plus, for PostgreSQL, the server backend's (read from /proc).
 *
 *   npx tsx bench/session-store.bench.ts [sessions per row=200]
 *   (PostgreSQL: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a scratch schema
 *   is created there and dropped at the end)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { z } from 'zod';
import type { Message } from '../src/agents/model/index.js';
import {
  PgSessionStore,
  type SessionRecord,
  type SessionStore,
  SqliteSessionStore,
} from '../src/agents/sessions/index.js';
import { createPgPool, openSqliteStore } from '../src/shared/index.js';
import { percentile, table } from './support/stats.js';

const SESSIONS = Number(process.argv[2] ?? 300);
const ROUNDS = 5;
const SIZES = [0, 50, 190];
const WINDOW = 40;
const CAP = 200;
const BASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// ~250 bytes a message on average: the shape of an offline retention turn.
function exchange(n: number): Message[] {
  return [
    { role: 'user', content: [{ type: 'text', text: `Quero cancelar meu plano, está muito caro (${n})` }] },
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: `call-${n}`, name: 'retention__churn_risk', input: { contact_id: 'c-1' } }],
    },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          toolUseId: `call-${n}`,
          toolName: 'retention__churn_risk',
          content: JSON.stringify({ risk: 0.82, clv: 12_400, plan: 'pro', tenure_months: 26, last_ticket: 'T-1042' }),
        },
      ],
    },
    {
      role: 'assistant',
      content: [
        {
          type: 'text',
          text: `Entendo, Carlos. Posso oferecer 20% de desconto por 6 meses no plano Pro. Quer que eu aplique? (${n})`,
        },
      ],
    },
  ];
}

/** The first `size` messages of a conversation, cut at an exchange end. */
function history(size: number): Message[] {
  const out: Message[] = [];
  for (let n = 0; out.length < size; n++) out.push(...exchange(n));
  return out.slice(0, size);
}

/** One turn: load, then save with the turn's messages. */
interface Approach {
  turn(sessionId: string, messages: Message[]): Promise<void>;
  fill(sessionId: string, messages: Message[]): Promise<void>;
  close(): Promise<void>;
}

const record = (sessionId: string, now: number): SessionRecord => ({
  tenantId: 't',
  contactId: 'c',
  sessionId,
  state: { contact_id: 'c', contact_name: 'Carlos', agent_category: 'retention' },
  createdAt: now,
  updatedAt: now,
});

function appendApproach(store: SessionStore): Approach {
  return {
    async fill(sessionId, messages) {
      await store.append(record(sessionId, Date.now()), messages);
    },
    async turn(sessionId, messages) {
      const key = { tenantId: 't', contactId: 'c', sessionId };
      const session = (await store.load(key, { historyWindow: WINDOW })) ?? { ...record(sessionId, Date.now()) };
      session.updatedAt = Date.now();
      await store.append(session, messages, { maxMessages: CAP });
    },
    close: async () => store.close?.(),
  };
}

// The old store's read path: the whole row, the whole history parsed and checked.
const OldRowSchema = z.object({ contact_id: z.string(), state: z.unknown(), history: z.unknown() });
const OldStateSchema = z.record(z.string(), z.unknown());
const OldHistorySchema = z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.array(z.unknown()) }));

function cut(all: Message[]): Message[] {
  if (all.length <= CAP) return all;
  let start = all.length - CAP;
  while (start < all.length && !(all[start]?.role === 'user' && all[start]?.content[0]?.type === 'text')) start++;
  return all.slice(start);
}

function sqliteRewrite(path: string): Approach {
  const db: Database.Database = openSqliteStore(path, [
    `CREATE TABLE old_sessions (tenant_id TEXT NOT NULL, contact_id TEXT NOT NULL, session_id TEXT NOT NULL,
       state TEXT NOT NULL, history TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
       PRIMARY KEY (tenant_id, session_id));
     CREATE INDEX old_sessions_contact ON old_sessions (tenant_id, contact_id, updated_at DESC);
     CREATE INDEX old_sessions_updated ON old_sessions (updated_at);`,
  ]);
  const select = db.prepare('SELECT * FROM old_sessions WHERE tenant_id = ? AND session_id = ?');
  const upsert = db.prepare(
    `INSERT INTO old_sessions VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, session_id) DO UPDATE SET
       contact_id = excluded.contact_id, state = excluded.state, history = excluded.history, updated_at = excluded.updated_at`,
  );
  const save = (sessionId: string, state: unknown, messages: Message[]) =>
    upsert.run('t', 'c', sessionId, JSON.stringify(state), JSON.stringify(messages), Date.now(), Date.now());
  return {
    async fill(sessionId, messages) {
      save(sessionId, record(sessionId, 0).state, messages);
    },
    async turn(sessionId, messages) {
      const raw = select.get('t', sessionId);
      let state: Record<string, unknown> = record(sessionId, 0).state;
      let stored: Message[] = [];
      if (raw !== undefined) {
        const row = OldRowSchema.parse(raw);
        state = OldStateSchema.parse(JSON.parse(String(row.state)));
        stored = OldHistorySchema.parse(JSON.parse(String(row.history))) as Message[];
      }
      save(sessionId, state, cut(stored.concat(messages)));
    },
    close: async () => {
      db.close();
    },
  };
}

async function pgRewrite(pool: pg.Pool): Promise<Approach> {
  await pool.query(`CREATE TABLE old_sessions (tenant_id TEXT NOT NULL, contact_id TEXT NOT NULL,
    session_id TEXT NOT NULL, state JSON NOT NULL, history JSON NOT NULL, created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (tenant_id, session_id));
    CREATE INDEX old_sessions_contact ON old_sessions (tenant_id, contact_id, updated_at DESC);
    CREATE INDEX old_sessions_updated ON old_sessions (updated_at);`);
  const save = (sessionId: string, state: unknown, messages: Message[]) =>
    pool.query({
      name: 'old_upsert',
      text: `INSERT INTO old_sessions VALUES ($1, $2, $3, $4, $5, now(), now()) ON CONFLICT (tenant_id, session_id)
             DO UPDATE SET contact_id = EXCLUDED.contact_id, state = EXCLUDED.state, history = EXCLUDED.history,
             updated_at = EXCLUDED.updated_at`,
      values: ['t', 'c', sessionId, JSON.stringify(state), JSON.stringify(messages)],
    });
  return {
    async fill(sessionId, messages) {
      await save(sessionId, record(sessionId, 0).state, messages);
    },
    async turn(sessionId, messages) {
      const { rows } = await pool.query({
        name: 'old_select',
        text: 'SELECT contact_id, state, history FROM old_sessions WHERE tenant_id = $1 AND session_id = $2',
        values: ['t', sessionId],
      });
      let state: Record<string, unknown> = record(sessionId, 0).state;
      let stored: Message[] = [];
      if (rows[0] !== undefined) {
        const row = OldRowSchema.parse(rows[0]);
        state = OldStateSchema.parse(row.state);
        stored = OldHistorySchema.parse(row.history) as Message[];
      }
      await save(sessionId, state, cut(stored.concat(messages)));
    },
    close: async () => {},
  };
}

interface Figures {
  /** This process, µs a turn. */
  cpuUs: number;
  /** The PostgreSQL backend serving the connection, µs a turn (10 ms clock ticks, summed over all turns). */
  serverUs?: number;
  p50Us: number;
  p99Us: number;
}

/** CPU time of a process from /proc (Linux), in µs; undefined elsewhere. */
function processCpuUs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Fills `SESSIONS` sessions of `size` messages for each approach, then runs their turns in interleaved
 * blocks (rewrite, append, rewrite, …) so that a noisy machine weighs on both alike.
 */
async function compare(
  approaches: readonly Approach[],
  size: number,
  backendPid: () => Promise<number | undefined>,
): Promise<Figures[]> {
  const stored = history(size);
  const id = (a: number, i: number) => `a${a}-${size}-${i}`;
  for (const [a, approach] of approaches.entries()) {
    if (size > 0) for (let i = 0; i < SESSIONS; i++) await approach.fill(id(a, i), stored);
  }
  const turn = exchange(1_000);
  // Warm-up on sessions of the same size (prepared statements, JIT), not measured.
  const warm = Math.min(20, SESSIONS);
  for (const [a, approach] of approaches.entries()) for (let i = 0; i < warm; i++) await approach.turn(id(a, i), turn);
  const totals = approaches.map(() => ({ cpu: 0, server: 0, serverKnown: true, latencies: [] as number[] }));
  const perBlock = Math.ceil((SESSIONS - warm) / ROUNDS);
  for (let from = warm, block = 0; from < SESSIONS; from += perBlock, block++) {
    // Alternate which approach goes first, so neither always runs right after the other's garbage.
    const order = [...approaches.entries()];
    if (block % 2 === 1) order.reverse();
    for (const [a, approach] of order) {
      const total = totals[a] as (typeof totals)[number];
      const pid = await backendPid();
      const server = processCpuUs(pid);
      const cpu = process.cpuUsage();
      for (let i = from; i < Math.min(SESSIONS, from + perBlock); i++) {
        const started = performance.now();
        await approach.turn(id(a, i), turn);
        total.latencies.push((performance.now() - started) * 1000);
      }
      const used = process.cpuUsage(cpu);
      total.cpu += used.user + used.system;
      const serverAfter = processCpuUs(pid);
      if (server === undefined || serverAfter === undefined) total.serverKnown = false;
      else total.server += serverAfter - server;
    }
  }
  return totals.map((t) => {
    const n = t.latencies.length;
    const figures: Figures = {
      cpuUs: t.cpu / n,
      p50Us: percentile(t.latencies, 50),
      p99Us: percentile(t.latencies, 99),
    };
    if (t.serverKnown) figures.serverUs = t.server / n;
    return figures;
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-session-bench-'));
  const schema = `ventros_bench_${randomBytes(4).toString('hex')}`;
  const admin = createPgPool(BASE_URL, { max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(BASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const pool = createPgPool(url.toString(), { max: 1 });
  const rows: Array<Record<string, string | number>> = [];
  try {
    const backends: Array<[string, () => Promise<[Approach, Approach]>]> = [
      [
        'SQLite',
        async () => [
          sqliteRewrite(join(dir, 'old.db')),
          appendApproach(
            new SqliteSessionStore({ path: join(dir, 'sessions.db'), retentionMs: Number.POSITIVE_INFINITY }),
          ),
        ],
      ],
      [
        'PostgreSQL',
        async () => [
          await pgRewrite(pool),
          appendApproach(new PgSessionStore({ pool, retentionMs: Number.POSITIVE_INFINITY })),
        ],
      ],
    ];
    for (const [backend, open] of backends) {
      const [rewrite, append] = await open();
      const backendPid =
        backend === 'PostgreSQL'
          ? async () => Number((await pool.query('SELECT pg_backend_pid() AS pid')).rows[0]?.pid)
          : async () => undefined;
      for (const size of SIZES) {
        const [old, now] = (await compare([rewrite, append], size, backendPid)) as [Figures, Figures];
        const cpu = (f: Figures) => f.cpuUs + (f.serverUs ?? 0);
        rows.push({
          backend,
          stored: size,
          'rewrite CPU µs': cpu(old),
          'append CPU µs': cpu(now),
          'CPU ×': cpu(old) / cpu(now),
          'of which PG server':
            old.serverUs === undefined ? '' : `${old.serverUs.toFixed(0)} / ${now.serverUs?.toFixed(0)}`,
          'rewrite µs p50/p99': `${old.p50Us.toFixed(0)}/${old.p99Us.toFixed(0)}`,
          'append µs p50/p99': `${now.p50Us.toFixed(0)}/${now.p99Us.toFixed(0)}`,
          'p50 ×': old.p50Us / now.p50Us,
        });
      }
      await rewrite.close();
      await append.close();
    }
  } finally {
    await pool.end();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `session store: one turn = load + save of 4 new messages, ${SESSIONS - Math.min(20, SESSIONS)} turns an ` +
      `approach and row, each on its own session; window ${WINDOW}, cap ${CAP}. CPU µs a turn = this process ` +
      '(user+system) + for PostgreSQL its backend (from /proc; "of which PG server": rewrite / append)',
  );
  console.log(table(rows));
}

await main();
