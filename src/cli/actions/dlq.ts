import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type DlqEntry, DlqInspector } from '../../bridge/amqp/index.js';
import { openOutboxStore } from '../../bridge/outbox/index.js';
import { isPostgresUrl, loadEnv, VentrosError } from '../../shared/index.js';

/** Options every `ventros dlq` subcommand shares. */
export interface DlqGlobals {
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
 * Opens the inspector over the broker's DLQ (RABBITMQ_URL) and the outbox rows that failed for good (in
 * PostgreSQL when DATABASE_URL is set, else in `${VENTROS_DATA_DIR}/outbox.db` when it exists); runs
 * `fn`; closes everything.
 */
async function withInspector<T>(globals: DlqGlobals, fn: (inspector: DlqInspector) => Promise<T>): Promise<T> {
  const env = loadEnv();
  if (!env.RABBITMQ_URL) {
    throw new DlqConfigError(
      'RABBITMQ_URL is not set: `ventros dlq` reads the dead-letter queue ventros.agents.dlq on the broker ' +
        '(e.g. RABBITMQ_URL=amqp://guest:guest@127.0.0.1:5672 ventros dlq list)',
    );
  }
  const dataDir = resolve(globals.dataDir ?? env.VENTROS_DATA_DIR);
  const hasOutbox = isPostgresUrl(env.DATABASE_URL) || existsSync(join(dataDir, 'outbox.db'));
  const outbox = hasOutbox ? openOutboxStore({ ...env, VENTROS_DATA_DIR: dataDir }) : undefined;
  try {
    const inspector = await DlqInspector.open({
      url: env.RABBITMQ_URL,
      partitioned: (env.VENTROS_AMQP_PARTITIONS ?? 0) > 0,
      ...(outbox ? { outbox } : {}),
    });
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

/** `ventros dlq list`. */
export async function listDeadLetters(g: DlqGlobals, limit: number): Promise<void> {
  const entries = await withInspector(g, (inspector) => inspector.list(limit));
  write(g, entries, formatDlqEntries(entries));
}

/** `ventros dlq analyze`. */
export async function analyzeDeadLetters(g: DlqGlobals): Promise<void> {
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
}

/** `ventros dlq reprocess <id>`. */
export async function reprocessDeadLetter(g: DlqGlobals, id: string): Promise<void> {
  const entry = await withInspector(g, (inspector) => inspector.reprocess(id));
  write(g, { reprocessed: [entry] }, `Reprocessed ${entry.id} (${entry.source}, ${entry.errorType}).`);
}

/** `ventros dlq reprocess-all [--error-type T] [--event-type T]`. */
export async function reprocessDeadLetters(
  g: DlqGlobals,
  filter: { errorType?: string; eventType?: string },
): Promise<void> {
  const entries = await withInspector(g, (inspector) =>
    inspector.reprocessAll({
      ...(filter.errorType ? { errorType: filter.errorType } : {}),
      ...(filter.eventType ? { eventType: filter.eventType } : {}),
    }),
  );
  write(g, { reprocessed: entries }, `Reprocessed ${entries.length} dead letter(s).`);
}
