/**
 * Steady-session cost of two checkouts' SQLite session stores, side by side in one process: four
 * sessions in rotation, each turn a load of the runtime's 40-message window then an append of the
 * turn's 4 messages (~3 KB, the shape of an offline retention turn), capped at 200 messages — what the
 * Runner does per message once a conversation is going. Both stores get every turn, alternating which
 * goes first. CPU (user + system) per load and per append, and wall time.
 *
 *   npx tsx bench/session-steady-ab.ts <dirA> <dirB> [turns=4000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message } from '../src/agents/model/index.js';
import type { SessionStore } from '../src/agents/sessions/index.js';

const [dirA, dirB, turnsArg = '4000'] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error('usage: session-steady-ab.ts <dirA> <dirB> [turns]');
const TURNS = Number(turnsArg);
const WARMUP = 500;
const SESSIONS = 4;

const toolResult = JSON.stringify({ risk: 0.82, notes: 'n'.repeat(1800), history: [1, 2, 3] });
function turn(n: number): Message[] {
  return [
    { role: 'user', content: [{ type: 'text', text: `Quero cancelar, está muito caro (${n})` }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: `c${n}`, name: 'retention__churn_risk', input: { n } }] },
    {
      role: 'user',
      content: [{ type: 'tool_result', toolUseId: `c${n}`, toolName: 'retention__churn_risk', content: toolResult }],
    },
    { role: 'assistant', content: [{ type: 'text', text: 'Posso oferecer 20% por 3 meses. '.repeat(12) }] },
  ];
}
const state = { contact_id: 'contact-carlos', language_instruction: 'Responda em português. '.repeat(10) };

interface Side {
  name: string;
  store: SessionStore;
  dir: string;
  load: { cpu: number; wall: number };
  append: { cpu: number; wall: number };
}

async function sideOf(name: string, checkout: string): Promise<Side> {
  const module = (await import(pathToFileURL(resolve(checkout, 'src/agents/sessions/index.ts')).href)) as {
    SqliteSessionStore: new (options: { path: string; retentionMs: number }) => SessionStore;
  };
  const dir = mkdtempSync(join(tmpdir(), 'ventros-steady-'));
  const store = new module.SqliteSessionStore({
    path: join(dir, 'sessions.db'),
    retentionMs: Number.POSITIVE_INFINITY,
  });
  return { name, store, dir, load: { cpu: 0, wall: 0 }, append: { cpu: 0, wall: 0 } };
}

/** Adds the CPU and wall time of `fn` to `into` (µs). */
async function timed(into: { cpu: number; wall: number }, fn: () => Promise<unknown>): Promise<void> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  into.cpu += used.user + used.system;
  into.wall += (performance.now() - wall) * 1000;
}

const sides = [await sideOf('A', dirA), await sideOf('B', dirB)];
try {
  const scratch = { cpu: 0, wall: 0 };
  for (let i = 0; i < WARMUP + TURNS; i++) {
    const key = { tenantId: 't', contactId: `c${i % SESSIONS}`, sessionId: `s${i % SESSIONS}` };
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      const measured = i >= WARMUP;
      await timed(measured ? side.load : scratch, () => side.store.load(key, { historyWindow: 40 }));
      const record = { ...key, state, createdAt: 1, updatedAt: Date.now() };
      await timed(measured ? side.append : scratch, () => side.store.append(record, turn(i), { maxMessages: 200 }));
    }
  }
  for (const side of sides) {
    const per = (x: number) => (x / TURNS).toFixed(1).padStart(6);
    process.stdout.write(
      `${side.name}: load CPU ${per(side.load.cpu)} µs (wall ${per(side.load.wall)})  ` +
        `append CPU ${per(side.append.cpu)} µs (wall ${per(side.append.wall)})\n`,
    );
  }
} finally {
  for (const side of sides) {
    side.store.close?.();
    rmSync(side.dir, { recursive: true, force: true });
  }
}
