import type { Socket } from 'node:net';
import type { ChannelModel } from 'amqplib';

/** The parts of amqplib's connection (2.x) this reaches into: its socket and the muxer writing to it. */
interface AmqplibInternals {
  connection?: {
    stream?: Pick<Socket, 'cork' | 'uncork'>;
    muxer?: { _readIncoming?: () => void };
  };
}

/**
 * Makes each of amqplib's write rounds one socket write. amqplib queues every frame on its channel's
 * buffer and its muxer then writes them to the socket one `write` at a time — one syscall each: a
 * forwarded message, its ack, its answer's publish and the delivery's ack are four a message. With the
 * socket corked for the round, Node writes the round's frames in one `writev`, in the same order, with
 * the same back-pressure (a corked write still reports a full buffer, and the muxer stops there).
 * Returns false, changing nothing, when amqplib's internals are not the expected ones.
 */
export function coalesceSocketWrites(model: ChannelModel): boolean {
  const { stream, muxer } = (model as unknown as AmqplibInternals).connection ?? {};
  const round = muxer?._readIncoming;
  if (!stream || !muxer || typeof round !== 'function' || typeof stream.cork !== 'function') return false;
  muxer._readIncoming = function corkedRound(this: unknown) {
    stream.cork();
    try {
      round.call(this);
    } finally {
      stream.uncork();
    }
  };
  return true;
}
