import { logger } from '../shared/logger.js';

export interface ShutdownOptions {
  /** Also stop when stdin ends (stdio servers: the client went away). */
  onStdinEnd?: boolean;
  /** Past this, exit with code 1 even if `stop` has not finished (a stuck connection must not hang us). */
  timeoutMs?: number;
}

/**
 * Runs `stop` once on SIGINT/SIGTERM (and stdin end when asked), then exits: 0 when it finished, 1 when
 * it failed or took longer than `timeoutMs`. Returns the trigger, for transports that close on their own.
 */
export function onShutdown(stop: (why: string) => Promise<void>, options: ShutdownOptions = {}): (why: string) => void {
  let stopping = false;
  const trigger = (why: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ why }, 'shutting down');
    const force = setTimeout(() => {
      logger.error({ why }, 'shutdown took too long; exiting');
      logger.flush();
      process.exit(1);
    }, options.timeoutMs ?? 10_000);
    force.unref();
    stop(why).then(
      () => {
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => trigger('SIGTERM'));
  process.once('SIGINT', () => trigger('SIGINT'));
  if (options.onStdinEnd) {
    process.stdin.once('end', () => trigger('stdin closed'));
    process.stdin.once('close', () => trigger('stdin closed'));
  }
  return trigger;
}
