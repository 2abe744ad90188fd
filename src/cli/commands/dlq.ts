import { type Command, InvalidArgumentError } from 'commander';
import type { DlqGlobals } from '../actions/dlq.js';

function positiveInt(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('expected an integer 1-10000');
  return n;
}

/**
 * `ventros dlq list|analyze|reprocess <ID>|reprocess-all` — the dead letters of the RabbitMQ bridge:
 * messages in `ventros.agents.dlq` (read without being lost) and outbox rows given up on (status `failed`, or `dlq` from older versions).
 */
export function registerDlqCommand(program: Command): void {
  const dlq = program
    .command('dlq')
    .description(
      'inspect and reprocess dead letters: messages in the RabbitMQ DLQ ventros.agents.dlq (needs $RABBITMQ_URL) ' +
        'and outbox rows that failed for good (status failed; in PostgreSQL with $DATABASE_URL, else $VENTROS_DATA_DIR/outbox.db)',
    )
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'data folder holding outbox.db (default: $VENTROS_DATA_DIR or ./data)');
  const globals = (command: Command) => command.optsWithGlobals<DlqGlobals>();

  dlq
    .command('list')
    .description('show dead letters with their error type, error and attempts (messages stay in the DLQ)')
    .option('--limit <n>', 'at most this many (1-10000)', positiveInt, 20)
    .action(async (options: { limit: number }, command: Command) => {
      const { listDeadLetters } = await import('../actions/dlq.js');
      await listDeadLetters(globals(command), options.limit);
    });

  dlq
    .command('analyze')
    .description('count dead letters by error type and event type; oldest and newest')
    .action(async (_options: unknown, command: Command) => {
      const { analyzeDeadLetters } = await import('../actions/dlq.js');
      await analyzeDeadLetters(globals(command));
    });

  dlq
    .command('reprocess')
    .description('send one dead letter back: a broker message to its queue, an outbox row to pending')
    .argument('<id>', 'the id `ventros dlq list` shows')
    .action(async (id: string, _options: unknown, command: Command) => {
      const { reprocessDeadLetter } = await import('../actions/dlq.js');
      await reprocessDeadLetter(globals(command), id);
    });

  dlq
    .command('reprocess-all')
    .description('send back every dead letter matching the filters (all when none)')
    .option('--error-type <type>', 'only this error type (e.g. timeout_error, invalid_schema, connection_error)')
    .option('--event-type <type>', 'only this event type (e.g. message.received, message.outbound)')
    .action(async (options: { errorType?: string; eventType?: string }, command: Command) => {
      const { reprocessDeadLetters } = await import('../actions/dlq.js');
      await reprocessDeadLetters(globals(command), options);
    });
}
