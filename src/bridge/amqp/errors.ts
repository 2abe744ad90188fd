import { VentrosError } from '../../shared/index.js';

/**
 * Failures of the RabbitMQ bridge and `ventros dlq` themselves (not of the runs they carry):
 * `unavailable` (broker unreachable, channel closed), `deadline_exceeded` (no publisher confirm in
 * time), `nacked` (the broker refused a publish), `failed_precondition` (missing RABBITMQ_URL).
 */
export class AmqpBridgeError extends VentrosError {
  static override isInstance(value: unknown): value is AmqpBridgeError {
    return value instanceof AmqpBridgeError;
  }
}

/** `amqp://user:secret@host` → `amqp://user:***@host`, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
