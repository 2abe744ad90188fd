/**
 * The RabbitMQ bridge end to end, on the real local broker with the offline model: publish N
 * `message.received` events (spread over the seeded contacts) and wait for the N `message.outbound`
 * answers. Prints messages/s, per-message latency (publish → outbound received) p50/p95/max, and RSS.
 * The answers go through the whole path: consume → inbox check → agent run → outbox transaction →
 * ack → publisher confirm → outbound.
 *
 *   RABBITMQ_URL=amqp://guest:guest@127.0.0.1:5672 npx tsx bench/amqp-bridge.bench.ts [messages=300] [prefetch=8]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'amqplib';
import {
  DEAD_LETTER_QUEUE,
  declareTopology,
  EVENTS_EXCHANGE,
  KeyedSerializer,
  OUTBOUND_ROUTING_KEY,
  startAmqpBridge,
  WORK_QUEUE,
} from '../src/bridge/amqp/index.js';
import { createSeededApp } from '../test/support/seeded-app.js';
import { percentile, table } from './support/stats.js';

const URL = process.env['RABBITMQ_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const N = Number(process.argv[2] ?? 300);
const PREFETCH = Number(process.argv[3] ?? 8);
const WARMUP = 20;
const CONTACTS = ['contact-ana', 'contact-carlos', 'contact-beatriz', 'contact-daniel', 'contact-eduarda'];
const TEXTS = ['Quero cancelar, está muito caro', 'Qual o status do meu pedido?', 'Quero comprar o plano anual'];

function event(i: number) {
  const contact = CONTACTS[i % CONTACTS.length] as string;
  return {
    event_id: randomUUID(),
    event_type: 'message.received',
    occurred_at: new Date().toISOString(),
    tenant_id: 'tenant-demo',
    payload: {
      message_id: `bench-${randomUUID()}`,
      contact_id: contact,
      session_id: `bench-${contact}`,
      tenant_id: 'tenant-demo',
      text: TEXTS[i % TEXTS.length] as string,
      from_me: false,
      timestamp: new Date().toISOString(),
      channel_id: 'bench',
      metadata: {},
    },
  };
}

async function main(): Promise<void> {
  const seeded = await createSeededApp();
  const dataDir = mkdtempSync(join(tmpdir(), 'ventros-amqp-bench-'));
  const connection = await connect(URL);
  const channel = await connection.createChannel();
  await declareTopology(channel);
  await channel.purgeQueue(WORK_QUEUE);
  await channel.purgeQueue(DEAD_LETTER_QUEUE);
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY);

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  let onAll: (() => void) | undefined;
  let target = 0;
  await channel.consume(
    queue,
    (m) => {
      if (!m) return;
      const body = JSON.parse(m.content.toString('utf8')) as { payload: { in_reply_to: string } };
      const started = sentAt.get(body.payload.in_reply_to);
      if (started !== undefined) latencies.push(performance.now() - started);
      received++;
      if (received >= target) onAll?.();
    },
    { noAck: true },
  );

  const bridge = await startAmqpBridge({ url: URL, app: seeded.app, dataDir, prefetch: PREFETCH });
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);

  const round = async (count: number, offset: number) => {
    received = 0;
    target = count;
    latencies.length = 0;
    const done = new Promise<void>((resolve, reject) => {
      onAll = resolve;
      setTimeout(() => reject(new Error(`only ${received}/${count} answers within 300 s`)), 300_000).unref();
    });
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const e = event(offset + i);
      sentAt.set(e.payload.message_id, performance.now());
      channel.publish(EVENTS_EXCHANGE, 'message.received', Buffer.from(JSON.stringify(e)), { persistent: true });
    }
    await done;
    return performance.now() - started;
  };

  /** The same messages straight into app.execute, one lane per contact: what the bridge adds to a run. */
  const direct = async (count: number, offset: number) => {
    const lanes = new KeyedSerializer();
    const times: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const e = event(offset + i);
        const queued = performance.now();
        return lanes.run(e.payload.contact_id, async () => {
          await seeded.app.execute({
            agent: 'auto',
            message: e.payload.text,
            tenantId: e.tenant_id,
            contactId: e.payload.contact_id,
            sessionId: `direct-${e.payload.session_id}`,
          });
          times.push(performance.now() - queued);
        });
      }),
    );
    return { elapsed: performance.now() - started, times };
  };

  try {
    await direct(WARMUP, 0);
    const baseline = await direct(N, WARMUP);
    await round(WARMUP, 0);
    const rssBefore = process.memoryUsage().rss;
    const elapsed = await round(N, WARMUP);
    const bulk = [...latencies];
    // One message at a time: latency without queueing.
    const SEQ = Math.min(50, N);
    const seqDirect: number[] = [];
    for (let i = 0; i < SEQ; i++) seqDirect.push(...(await direct(1, 10_000 + i)).times);
    const seqBridge: number[] = [];
    for (let i = 0; i < SEQ; i++) {
      await round(1, 20_000 + i);
      seqBridge.push(...latencies);
    }
    const seqRow = (path: string, times: number[]) => ({
      path,
      messages: SEQ,
      prefetch: '-',
      'msg/s': 1000 / (times.reduce((a, b) => a + b, 0) / times.length),
      'p50 ms': percentile(times, 50),
      'p95 ms': percentile(times, 95),
      'max ms': Math.max(...times),
      'rss MB (start)': '-',
      'rss MB (peak)': '-',
    });
    const rows = [
      seqRow('direct, one at a time', seqDirect),
      seqRow('bridge, one at a time', seqBridge),
      {
        path: 'direct app.execute',
        messages: N,
        prefetch: '-',
        'msg/s': (N / baseline.elapsed) * 1000,
        'p50 ms': percentile(baseline.times, 50),
        'p95 ms': percentile(baseline.times, 95),
        'max ms': Math.max(...baseline.times),
        'rss MB (start)': '-',
        'rss MB (peak)': '-',
      },
      {
        path: 'amqp bridge',
        messages: N,
        prefetch: PREFETCH,
        'msg/s': (N / elapsed) * 1000,
        'p50 ms': percentile(bulk, 50),
        'p95 ms': percentile(bulk, 95),
        'max ms': Math.max(...bulk),
        'rss MB (start)': rssBefore / 1e6,
        'rss MB (peak)': peakRss / 1e6,
      },
    ];
    process.stdout.write(`amqp bridge, offline model, real broker at ${URL.replace(/\/\/[^@]*@/, '//')}\n`);
    process.stdout.write(`${table(rows)}\n`);
    process.stdout.write(`bridge stats: ${JSON.stringify(bridge.stats())}\n`);
  } finally {
    clearInterval(rssTimer);
    await bridge.close();
    await channel.close().catch(() => undefined);
    await connection.close().catch(() => undefined);
    await seeded.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
