/**
 * The socket options of every connection of ours to RabbitMQ: a connect deadline, and Nagle off.
 * amqplib leaves Nagle on, so a small frame written while the previous one was unacknowledged waited
 * for the broker's delayed ACK (40 ms on Linux): one message at a time through the bridge took ~48 ms
 * to answer for ~3 ms of work. Our frames are already batched per write round (coalesce-writes.ts).
 */
export function amqpSocketOptions(timeoutMs: number): { timeout: number; noDelay: true } {
  return { timeout: timeoutMs, noDelay: true };
}
