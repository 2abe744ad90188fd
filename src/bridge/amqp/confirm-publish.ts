import type { Channel, ConfirmChannel, Options } from 'amqplib';
import { DeadlineExceededError, errorMessage } from '../../shared/index.js';
import { AmqpBridgeError } from './errors.js';

const lastErrors = new WeakMap<Channel, Error>();

/**
 * Remembers the channel's last error (the broker's reason for closing it, e.g. `404 NOT_FOUND - no
 * exchange`), so a publish the close cut short reports why. One listener per channel, added once.
 */
export function trackChannelErrors(channel: Channel): void {
  channel.on('error', (error: Error) => lastErrors.set(channel, error));
}

/**
 * Publishes on a confirm channel and resolves once the broker confirmed the message (it is then on
 * disk for durable queues). Rejects when the broker nacks it, the channel closes first, or no confirm
 * arrives within `timeoutMs`.
 */
export function confirmPublish(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
  timeoutMs = 10_000,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () => settle(new DeadlineExceededError(`no publisher confirm within ${timeoutMs} ms`, { exchange, routingKey })),
      timeoutMs,
    );
    try {
      channel.publish(exchange, routingKey, content, options, (error: unknown) => {
        if (error === null || error === undefined) settle();
        else if (/channel closed/i.test(errorMessage(error))) {
          const channelError = lastErrors.get(channel);
          const reason = channelError ? errorMessage(channelError) : 'channel closed';
          settle(new AmqpBridgeError('unavailable', `the channel closed before the broker confirmed: ${reason}`));
        } else settle(new AmqpBridgeError('nacked', `broker did not confirm the publish: ${errorMessage(error)}`));
      });
    } catch (error) {
      // amqplib throws synchronously when the channel is already closed.
      settle(new AmqpBridgeError('unavailable', `cannot publish: ${errorMessage(error)}`, { cause: error }));
    }
  });
}
