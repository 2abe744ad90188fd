import type { Channel, ConfirmChannel, Message } from 'amqplib';
import type { Logger } from '../../shared/index.js';
import { publishDeadLetter } from './dead-letter.js';
import { republishDeferred } from './defer-delivery.js';
import { AmqpBridgeError } from './errors.js';
import type { DeliveryOutcome } from './handle-message.js';

/** Which counter a settled delivery adds to. */
export type SettledAs = 'answered' | 'fromMe' | 'duplicates' | 'requeued' | 'deadLettered' | 'unsettled';

/**
 * Applies an outcome to a delivery on the channel it came from: ack, requeue, or dead-letter (our copy
 * with the reason to the DLX, confirmed, then ack; a plain reject to the DLX if the copy fails). A
 * channel that died meanwhile is fine: the broker redelivers, and the inbox makes that harmless.
 */
export async function settleDelivery(
  message: Message,
  channel: Channel,
  outcome: DeliveryOutcome,
  deps: { confirm: ConfirmChannel | undefined; publishTimeoutMs?: number; log: Logger },
): Promise<SettledAs> {
  try {
    if (outcome.kind === 'ack') {
      channel.ack(message);
      if (outcome.reason === 'answered') return 'answered';
      return outcome.reason === 'from_me' ? 'fromMe' : 'duplicates';
    }
    if (outcome.kind === 'defer') {
      deps.log.info({ reason: outcome.reason }, 'deferring a message: its tenant is over a limit');
      try {
        if (!deps.confirm) throw new AmqpBridgeError('unavailable', 'no publish channel');
        await republishDeferred(deps.confirm, message, deps.publishTimeoutMs);
        channel.ack(message);
      } catch (error) {
        deps.log.warn({ err: error }, 'could not republish a deferred message; requeueing it instead');
        channel.nack(message, false, true);
      }
      return 'requeued';
    }
    if (outcome.kind === 'requeue') {
      deps.log.warn({ reason: outcome.reason, deliveryTag: message.fields.deliveryTag }, 'requeueing a message');
      channel.nack(message, false, true);
      return 'requeued';
    }
    deps.log.warn({ errorType: outcome.errorType, error: outcome.error }, 'dead-lettering a message');
    try {
      if (!deps.confirm) throw new AmqpBridgeError('unavailable', 'no publish channel');
      await publishDeadLetter(deps.confirm, message, outcome, deps.publishTimeoutMs);
      channel.ack(message);
    } catch (error) {
      // Without our copy the broker's own dead-lettering still keeps the message (reason: rejected).
      deps.log.warn({ err: error }, 'could not publish the dead letter; rejecting to the DLX instead');
      channel.nack(message, false, false);
    }
    return 'deadLettered';
  } catch (error) {
    deps.log.warn({ err: error }, 'could not settle a delivery (channel closed); the broker will redeliver it');
    return 'unsettled';
  }
}
