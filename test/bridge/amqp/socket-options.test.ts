import type { Socket } from 'node:net';
import { type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amqpSocketOptions } from '../../../src/bridge/amqp/socket-options.js';
import { freshVhost, type TestVhost } from '../../support/rabbitmq-vhost.js';

/** Whether Nagle is off on the connection's socket (Node keeps the last setNoDelay in a symbol). */
function noDelayOf(model: ChannelModel): unknown {
  const socket = (model as unknown as { connection: { stream: Socket } }).connection.stream;
  const key = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'kSetNoDelay');
  if (!key) throw new Error('this Node keeps no kSetNoDelay on sockets: check the option another way');
  return (socket as unknown as Record<symbol, unknown>)[key];
}

describe('amqpSocketOptions', () => {
  let vhost: TestVhost;

  beforeAll(async () => {
    vhost = await freshVhost('ventros-socket-options');
  });

  afterAll(async () => {
    await vhost?.drop();
  });

  it('turns Nagle off, which amqplib leaves on (a frame then waits for the delayed ACK, 40 ms)', async () => {
    const ours = await connect(vhost.url, amqpSocketOptions(5_000));
    const plain = await connect(vhost.url);
    try {
      expect(noDelayOf(ours)).toBe(true);
      expect(noDelayOf(plain)).toBe(false);
    } finally {
      await ours.close();
      await plain.close();
    }
  });
});
