import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AmqpBridge,
  EVENTS_EXCHANGE,
  MessageOutboundEventSchema,
  OUTBOUND_ROUTING_KEY,
  startAmqpBridge,
} from '../../../src/bridge/amqp/index.js';
import { partitionOf } from '../../../src/bridge/amqp/partitions.js';
import { RunSlots } from '../../../src/bridge/amqp/run-slots.js';
import { PgOutboxStore } from '../../../src/bridge/outbox/index.js';
import { freshSchema, type TestSchema } from '../../support/postgres.js';
import { freshVhost, type TestVhost } from '../../support/rabbitmq-vhost.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { eventually, inboundEvent } from './amqp-helpers.js';

describe('partitionOf', () => {
  it('puts one contact always in the same partition and spreads contacts over all of them', () => {
    expect(partitionOf('t', 'contact-1', 8)).toBe(partitionOf('t', 'contact-1', 8));
    const used = new Set(Array.from({ length: 200 }, (_, i) => partitionOf('t', `contact-${i}`, 8)));
    expect([...used].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('RunSlots', () => {
  it('never runs more than its size at once, and runs everything', async () => {
    const slots = new RunSlots(3);
    let running = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        slots.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 1));
          running--;
          return i;
        }),
      ),
    );
    expect(done).toHaveLength(20);
    expect(peak).toBe(3);
    expect(slots.inUse).toBe(0);
  });
});

describe.sequential('two bridges in partitioned mode', () => {
  let vhost: TestVhost;
  let schema: TestSchema;
  let seeded: SeededApp;
  let outbox: PgOutboxStore;
  const bridges: AmqpBridge[] = [];

  beforeAll(async () => {
    vhost = await freshVhost('ventros-partitions');
    schema = await freshSchema('partitions');
    seeded = await createSeededApp();
    outbox = new PgOutboxStore({ url: schema.url });
  }, 120_000);

  afterAll(async () => {
    for (const bridge of bridges) await bridge.close();
    await outbox?.close();
    await seeded?.close();
    await schema?.drop();
    await vhost?.drop();
  });

  it('split the partitions between them, one forwards the intake, and every message is answered once', async () => {
    const start = (instanceId: string) =>
      startAmqpBridge({ url: vhost.url, app: seeded.app, outbox, partitions: 6, instanceId, rebalanceMs: 100 });
    bridges.push(await start('a'));
    await eventually(() => bridges[0]?.stats().partitions?.owned.length === 6, 'the first bridge to own all', 60_000);
    bridges.push(await start('b'));
    await eventually(
      () => bridges.every((b) => b.stats().partitions?.owned.length === 3),
      'the partitions split 3 and 3',
      60_000,
    );
    const [a, b] = bridges.map((x) => x.stats().partitions?.owned ?? []);
    expect(new Set([...(a ?? []), ...(b ?? [])]).size).toBe(6);

    const connection = await connect(vhost.url);
    const channel = await connection.createChannel();
    const answers: string[] = [];
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY);
    await channel.consume(
      queue,
      (m) => {
        if (!m) return;
        const event = MessageOutboundEventSchema.parse(JSON.parse(m.content.toString('utf8')));
        if (event.payload.source === 'bot') answers.push(event.payload.in_reply_to);
      },
      { noAck: true },
    );
    const sent: string[] = [];
    for (let i = 0; i < 24; i++) {
      const event = inboundEvent({ contactId: `part-contact-${i % 8}`, messageId: `part-msg-${i}` });
      sent.push(event.payload.message_id);
      channel.publish(EVENTS_EXCHANGE, 'message.received', Buffer.from(JSON.stringify(event)), { persistent: true });
    }
    await eventually(() => answers.length >= 24, 'every answer', 120_000);
    expect([...answers].sort()).toEqual([...sent].sort());
    expect(bridges.filter((x) => x.stats().partitions?.intake)).toHaveLength(1);
    await connection.close();
  }, 240_000);
});
