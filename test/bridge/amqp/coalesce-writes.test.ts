import { type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coalesceSocketWrites } from '../../../src/bridge/amqp/coalesce-writes.js';
import { freshVhost, type TestVhost } from '../../support/rabbitmq-vhost.js';

/** Counts the socket's write calls (one syscall each): single writes and corked batches. */
function countWrites(model: ChannelModel): { writes: number } {
  const stream = (model as unknown as { connection: { stream: Record<string, unknown> } }).connection.stream;
  const counter = { writes: 0 };
  for (const name of ['_write', '_writev']) {
    const original = stream[name] as (...args: unknown[]) => unknown;
    stream[name] = function counted(this: unknown, ...args: unknown[]) {
      counter.writes++;
      return original.apply(this, args);
    };
  }
  return counter;
}

describe.sequential('coalesceSocketWrites', () => {
  let vhost: TestVhost;

  beforeAll(async () => {
    vhost = await freshVhost('ventros-coalesce');
  });

  afterAll(async () => {
    await vhost?.drop();
  });

  /** Publishes 200 messages in one turn, acks them as they come; their bodies in arrival order. */
  async function roundTrip(coalesce: boolean): Promise<{ bodies: string[]; writes: number; applied: boolean }> {
    const model = await connect(vhost.url);
    try {
      const applied = coalesce ? coalesceSocketWrites(model) : false;
      const counter = countWrites(model);
      const channel = await model.createConfirmChannel();
      const { queue } = await channel.assertQueue('', { exclusive: true });
      const bodies: string[] = [];
      const all = new Promise<void>((done) => {
        void channel.consume(queue, (message) => {
          if (!message) return;
          bodies.push(message.content.toString());
          channel.ack(message);
          if (bodies.length === 200) done();
        });
      });
      const before = counter.writes;
      for (let i = 0; i < 200; i++) channel.sendToQueue(queue, Buffer.from(`m${i}`), { persistent: true });
      await channel.waitForConfirms();
      await all;
      const writes = counter.writes - before;
      await channel.close();
      return { bodies, writes, applied };
    } finally {
      await model.close();
    }
  }

  it("writes a round's frames in one socket write, same bytes in the same order", async () => {
    const plain = await roundTrip(false);
    const coalesced = await roundTrip(true);
    expect(coalesced.applied).toBe(true);
    const expected = Array.from({ length: 200 }, (_, i) => `m${i}`);
    expect(plain.bodies).toEqual(expected);
    expect(coalesced.bodies).toEqual(expected);
    // 200 publishes in one turn: a write each without it (205 measured), a few rounds' writes with it (3).
    expect(plain.writes).toBeGreaterThanOrEqual(200);
    expect(coalesced.writes).toBeLessThan(20);
  }, 60_000);

  it('changes nothing on a connection without the expected internals', () => {
    expect(coalesceSocketWrites({} as ChannelModel)).toBe(false);
  });
});
