import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { type DlqEntry, DlqInspector } from '../../bridge/amqp/index.js';
import { SqliteOutboxStore } from '../../bridge/outbox/index.js';
import { loadEnv, VentrosError } from '../../shared/index.js';

interface DlqGlobals {
  json?: boolean;
  dataDir?: string;
}

/** The command's own error: RABBITMQ_URL missing. */
class DlqConfigError extends VentrosError {
  constructor(message: string) {
    super('failed_precondition', message);
  }
}

/**
 * Opens the inspector over the broker's DLQ (RABBITMQ_URL) and, when `${VENTROS_DATA_DIR}/outbox.db`
 * exists, the outbox rows with status `dlq`; runs `fn`; closes everything.
 */
async function withInspector<T>(globals: DlqGlobals, fn: (inspector: DlqInspector) => Promise<T>): Promise<T> {
  const env = loadEnv();
  if (!env.RABBITMQ_URL) {
    throw new DlqConfigError(
      'RABBITMQ_URL is not set: `ventros dlq` reads the dead-letter queue ventros.agents.dlq on the broker ' +
        '(e.g. RABBITMQ_URL=amqp://guest:guest@127.0.0.1:5672 ventros dlq list)',
    );
  }
  const outboxPath = join(resolve(globals.dataDir ?? env.VENTROS_DATA_DIR), 'outbox.db');
  const outbox = existsSync(outboxPath) ? new SqliteOutboxStore({ path: outboxPath }) : undefined;
  try {
    const inspector = await DlqInspector.open({ url: env.RABBITMQ_URL, ...(outbox ? { outbox } : {}) });
    try {
      return await fn(inspector);
    } finally {
      await inspector.close();
    }
  } finally {
    await outbox?.close();
  }
}

/** One line per dead letter, for a terminal. */
export function formatDlqEntries(entries: readonly DlqEntry[]): string {
  if (entries.length === 0) return 'The DLQ is empty.';
  return entries
    .map(
      (e) =>
        `${e.id}  [${e.source}] ${e.eventType}  ${e.errorType} (attempts ${e.attempts})${e.at ? `  ${e.at}` : ''}\n` +
        `    error: ${e.error}\n    text:  ${e.preview}`,
    )
    .join('\n');
}

const write = (globals: DlqGlobals, value: unknown, human: string) =>
  process.stdout.write(globals.json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);

function positiveInt(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('expected an integer 1-10000');
  return n;
}

/**
 * `ventros dlq list|analyze|reprocess <ID>|reprocess-all` — the dead letters of the RabbitMQ bridge:
 * messages in `ventros.agents.dlq` (read without being lost) and outbox rows with status `dlq`.
 */
export function registerDlqCommand(program: Command): void {
  const dlq = program
    .command('dlq')
    .description(
      'inspect and reprocess dead letters: messages in the RabbitMQ DLQ ventros.agents.dlq (needs $RABBITMQ_URL) ' +
        'and outbox rows with status dlq ($VENTROS_DATA_DIR/outbox.db)',
    )
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'data folder holding outbox.db (default: $VENTROS_DATA_DIR or ./data)');
  const globals = (command: Command) => command.optsWithGlobals<DlqGlobals>();

  dlq
    .command('list')
    .description('show dead letters with their error type, error and attempts (messages stay in the DLQ)')
    .option('--limit <n>', 'at most this many (1-10000)', positiveInt, 20)
    .action(async (options: { limit: number }, command: Command) => {
      const g = globals(command);
      const entries = await withInspector(g, (inspector) => inspector.list(options.limit));
      write(g, entries, formatDlqEntries(entries));
    });

  dlq
    .command('analyze')
    .description('count dead letters by error type and event type; oldest and newest')
    .action(async (_options: unknown, command: Command) => {
      const g = globals(command);
      const analysis = await withInspector(g, (inspector) => inspector.analyze());
      const counts = (r: Record<string, number>) =>
        Object.entries(r)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `    ${k}: ${v}`)
          .join('\n') || '    (none)';
      write(
        g,
        analysis,
        [
          `Dead letters: ${analysis.total}`,
          `  by source:\n${counts(analysis.bySource)}`,
          `  by error type:\n${counts(analysis.errorTypes)}`,
          `  by event type:\n${counts(analysis.eventTypes)}`,
          `  oldest: ${analysis.oldest ? `${analysis.oldest.at} (${analysis.oldest.id})` : '-'}`,
          `  newest: ${analysis.newest ? `${analysis.newest.at} (${analysis.newest.id})` : '-'}`,
        ].join('\n'),
      );
    });

  dlq
    .command('reprocess')
    .description('send one dead letter back: a broker message to its queue, an outbox row to pending')
    .argument('<id>', 'the id `ventros dlq list` shows')
    .action(async (id: string, _options: unknown, command: Command) => {
      const g = globals(command);
      const entry = await withInspector(g, (inspector) => inspector.reprocess(id));
      write(g, { reprocessed: [entry] }, `Reprocessed ${entry.id} (${entry.source}, ${entry.errorType}).`);
    });

  dlq
    .command('reprocess-all')
    .description('send back every dead letter matching the filters (all when none)')
    .option('--error-type <type>', 'only this error type (e.g. timeout_error, invalid_schema, connection_error)')
    .option('--event-type <type>', 'only this event type (e.g. message.received, message.outbound)')
    .action(async (options: { errorType?: string; eventType?: string }, command: Command) => {
      const g = globals(command);
      const entries = await withInspector(g, (inspector) =>
        inspector.reprocessAll({
          ...(options.errorType ? { errorType: options.errorType } : {}),
          ...(options.eventType ? { eventType: options.eventType } : {}),
        }),
      );
      write(g, { reprocessed: entries }, `Reprocessed ${entries.length} dead letter(s).`);
    });
}
