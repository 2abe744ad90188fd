import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type Channel, type ChannelModel, connect } from 'amqplib';
import BetterSqlite3 from 'better-sqlite3';
import {
  EVENTS_EXCHANGE,
  MessageOutboundEventSchema,
  OUTBOUND_ROUTING_KEY,
} from '../../../../src/bridge/amqp/index.js';
import { seededDataDir } from '../../../servers/framework/harness.js';
import { freshSchema, type TestSchema } from '../../../support/postgres.js';
import { freshVhost } from '../../../support/rabbitmq-vhost.js';

// The chaos run shared by test/bridge/amqp/chaos.test.ts and bench/chaos.ts: N instances of the bridge as
// real processes (support/bridge-instance.ts) on one vhost, one PostgreSQL schema and one CRM SQLite
// file; customer messages over many contacts, cancellations (→ retention offers) and technical problems
// (→ tickets) in turn; instances SIGKILLed and restarted while they work. Then it counts what was lost,
// answered twice, written twice, and answered out of order.

const ROOT = new URL('../../../../', import.meta.url).pathname;
const TENANT = 'tenant-demo';
const CANCEL = 'Quero cancelar, está muito caro';
const PROBLEM = 'O WhatsApp parou de enviar mensagens, erro no sistema';

export interface ChaosOptions {
  instances: number;
  messages: number;
  contacts: number;
  /** Instances SIGKILLed (and restarted) during the run, one after the other (≤ instances). */
  kills: number;
  partitions: number;
  concurrency: number;
  /** Give up waiting for the answers after this long. */
  timeoutMs: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  instances: number;
  published: number;
  answered: number;
  lost: number;
  /** Inbound messages with more than one distinct answer (event id). */
  duplicateAnswers: number;
  /** Extra copies of one answer event id (a publisher crash window; consumers dedupe by event id). */
  republished: number;
  offers: number;
  tickets: number;
  /** Offers and tickets written without, or beyond, their idempotency record. */
  duplicateSideEffects: number;
  /** Answers committed out of their contact's order. */
  orderViolations: number;
  deadLettered: number;
  kills: number;
  elapsedMs: number;
  msgPerSec: number;
}

interface Instance {
  id: string;
  child: ChildProcess;
  ready: Promise<void>;
}

/** Runs one chaos round and reports; cleans up its vhost, schema and data dir. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const vhost = await freshVhost('ventros-chaos');
  const schema = await freshSchema('chaos');
  const data = await seededDataDir();
  const instances: Instance[] = [];
  let probe: { connection: ChannelModel; channel: Channel } | undefined;
  try {
    const env = {
      RABBITMQ_URL: vhost.url,
      DATABASE_URL: schema.url,
      VENTROS_DATA_DIR: data.dir,
      VENTROS_AMQP_PARTITIONS: String(options.partitions),
      VENTROS_AMQP_CONCURRENCY: String(options.concurrency),
    };
    for (let i = 0; i < options.instances; i++) instances.push(startInstance(`chaos-${i}`, env));
    await Promise.all(instances.map((instance) => instance.ready));
    log(`${options.instances} instance(s) ready`);

    const connection = await connect(vhost.url);
    const channel = await connection.createChannel();
    probe = { connection, channel };
    const answers = new Map<string, Map<string, number>>();
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY);
    await channel.consume(
      queue,
      (m) => {
        if (!m) return;
        const parsed = MessageOutboundEventSchema.safeParse(JSON.parse(m.content.toString('utf8')));
        if (!parsed.success || parsed.data.payload.source !== 'bot') return;
        const inReplyTo = parsed.data.payload.in_reply_to;
        const copies = answers.get(inReplyTo) ?? new Map<string, number>();
        copies.set(parsed.data.event_id, (copies.get(parsed.data.event_id) ?? 0) + 1);
        answers.set(inReplyTo, copies);
      },
      { noAck: true },
    );

    const order = new Map<string, number>();
    const started = Date.now();
    for (let i = 0; i < options.messages; i++) {
      const contact = `chaos-contact-${i % options.contacts}`;
      const turn = Math.floor(i / options.contacts);
      const messageId = `chaos-msg-${i}`;
      order.set(messageId, i);
      channel.publish(
        EVENTS_EXCHANGE,
        'message.received',
        Buffer.from(JSON.stringify(event(contact, messageId, turn))),
        {
          persistent: true,
          contentType: 'application/json',
        },
      );
      if (i % 200 === 199) await new Promise((r) => setImmediate(r));
    }
    log(`published ${options.messages}`);

    // Kills at evenly spaced points of progress; each victim restarts at once (its replacement rejoins).
    let kills = 0;
    const deadline = Date.now() + options.timeoutMs;
    while (answers.size < options.messages && Date.now() < deadline) {
      const due = Math.floor(((kills + 1) * options.messages) / (options.kills + 2));
      if (kills < options.kills && answers.size >= due) {
        const victim = instances[kills % instances.length] as Instance;
        victim.child.kill('SIGKILL');
        log(`SIGKILL ${victim.id} at ${answers.size} answers`);
        // Restarted at once, not awaited: the survivors keep working meanwhile, as in production.
        const restarted = startInstance(victim.id, env);
        instances[kills % instances.length] = restarted;
        kills++;
        void restarted.ready.then(() => log(`${victim.id} restarted`));
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const elapsedMs = Date.now() - started;
    await Promise.allSettled(instances.map((instance) => instance.ready));
    // Outbox rows still pending (a publisher that died mid-batch): let the survivors send them.
    for (let i = 0; i < 400; i++) {
      const { rows } = await schema.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'pending'",
      );
      if ((rows[0]?.n ?? 0) === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500));

    let duplicateAnswers = 0;
    let republished = 0;
    for (const copies of answers.values()) {
      if (copies.size > 1) duplicateAnswers++;
      for (const n of copies.values()) republished += n - 1;
    }
    const orderViolations = await countOrderViolations(schema, order);
    const effects = countSideEffects(join(data.dir, 'crm.db'));
    const dlq = await channel.checkQueue('ventros.agents.dlq');
    return {
      instances: options.instances,
      published: options.messages,
      answered: answers.size,
      lost: options.messages - answers.size,
      duplicateAnswers,
      republished,
      ...effects,
      orderViolations,
      deadLettered: dlq.messageCount,
      kills,
      elapsedMs,
      msgPerSec: Math.round((answers.size / elapsedMs) * 10_000) / 10,
    };
  } finally {
    await Promise.all(instances.map(stopInstance));
    await probe?.connection.close().catch(() => undefined);
    await vhost.drop().catch(() => undefined);
    await schema.drop().catch(() => undefined);
    data.cleanup();
  }
}

function event(contact: string, messageId: string, turn: number) {
  return {
    event_id: randomUUID(),
    event_type: 'message.received',
    occurred_at: new Date().toISOString(),
    tenant_id: TENANT,
    payload: {
      message_id: messageId,
      contact_id: contact,
      session_id: `session-${contact}`,
      tenant_id: TENANT,
      text: turn % 2 === 0 ? CANCEL : PROBLEM,
      from_me: false,
      timestamp: new Date().toISOString(),
      channel_id: 'whatsapp-1',
    },
  };
}

function startInstance(id: string, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bridge/amqp/support/bridge-instance.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, INSTANCE_ID: id, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${id} did not start within 120 s: ${stderr}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('"ready"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${id} exited (${code ?? signal}) before it was ready: ${stderr}`));
    });
  });
  // A rejection after the instance was ready (it was killed) is expected.
  ready.catch(() => undefined);
  return { id, child, ready };
}

async function stopInstance(instance: Instance): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Answers committed (outbox order) whose inbound messages of one contact came in another order. */
async function countOrderViolations(schema: TestSchema, order: Map<string, number>): Promise<number> {
  const { rows } = await schema.query<{ body: string }>(
    "SELECT payload::text AS body FROM outbox_messages WHERE event_type = 'message.outbound' ORDER BY seq",
  );
  const last = new Map<string, number>();
  let violations = 0;
  for (const row of rows) {
    const payload = (JSON.parse(row.body) as { payload: { contact_id: string; in_reply_to?: string } }).payload;
    const index = payload.in_reply_to ? order.get(payload.in_reply_to) : undefined;
    if (index === undefined) continue;
    if ((last.get(payload.contact_id) ?? -1) > index) violations++;
    last.set(payload.contact_id, index);
  }
  return violations;
}

/** Offers and tickets of the chaos contacts against the idempotency records of the calls that wrote them. */
function countSideEffects(path: string): { offers: number; tickets: number; duplicateSideEffects: number } {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get(TENANT) as { n: number }).n;
    const offers = n("SELECT count(*) AS n FROM offers WHERE tenant_id = ? AND contact_id LIKE 'chaos-contact-%'");
    const tickets = n("SELECT count(*) AS n FROM tickets WHERE tenant_id = ? AND contact_id LIKE 'chaos-contact-%'");
    const offerKeys = n(
      "SELECT count(*) AS n FROM tool_idempotency WHERE tenant_id = ? AND tool = 'create_retention_offer'",
    );
    const ticketKeys = n("SELECT count(*) AS n FROM tool_idempotency WHERE tenant_id = ? AND tool = 'create_ticket'");
    return { offers, tickets, duplicateSideEffects: offers - offerKeys + (tickets - ticketKeys) };
  } finally {
    db.close();
  }
}
