import { type ChannelModel, type ConfirmChannel, connect, type GetMessage } from 'amqplib';
import { errorMessage, NotFoundError } from '../../shared/index.js';
import { DEAD_LETTER_STATUSES, type OutboxStore } from '../outbox/outbox-store.js';
import { confirmPublish } from './confirm-publish.js';
import { publishOptionsOf } from './dead-letter.js';
import { type DlqEntry, entryOfBrokerMessage, entryOfOutboxRow, reprocessHeaders, sourceQueueOf } from './dlq-entry.js';
import { AmqpBridgeError, redactUrl } from './errors.js';
import { amqpSocketOptions } from './socket-options.js';
import { DEAD_LETTER_QUEUE, declareTopology, WORK_QUEUE } from './topology.js';

export interface DlqInspectorOptions {
  url: string;
  /** Also covers this outbox's rows with status `dlq` (absent: only the broker's DLQ). */
  outbox?: OutboxStore;
  /** Most broker messages one scan reads (default 10 000). */
  scanLimit?: number;
  timeoutMs?: number;
  /** The broker runs partitioned (VENTROS_AMQP_PARTITIONS > 0): its work queue is single active consumer. */
  partitioned?: boolean;
}

/** Counts over every dead letter. */
export interface DlqAnalysis {
  total: number;
  bySource: Record<string, number>;
  errorTypes: Record<string, number>;
  eventTypes: Record<string, number>;
  oldest?: { id: string; at: string };
  newest?: { id: string; at: string };
}

export interface ReprocessFilter {
  errorType?: string;
  eventType?: string;
}

type Decision = 'keep' | 'reprocess';

/**
 * What `ventros dlq` runs on: the broker's `ventros.agents.dlq` and the outbox's dead letters
 * (status `failed`, or `dlq` from older versions).
 * Broker messages are read with basic.get and requeued in place unless reprocessed, so looking never
 * loses one. Reprocessing sends a message back to the queue it failed in, with the failure headers
 * dropped, and acks it off the DLQ only once the broker confirmed the copy. An outbox row goes back to
 * `pending` for the running bridge's publisher.
 */
export class DlqInspector {
  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: ConfirmChannel,
    private readonly options: DlqInspectorOptions,
  ) {}

  static async open(options: DlqInspectorOptions): Promise<DlqInspector> {
    let connection: ChannelModel;
    try {
      connection = await connect(options.url, amqpSocketOptions(options.timeoutMs ?? 10_000));
    } catch (error) {
      throw new AmqpBridgeError(
        'unavailable',
        `cannot connect to RabbitMQ at ${redactUrl(options.url)}: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    try {
      connection.on('error', () => undefined);
      const channel = await connection.createConfirmChannel();
      channel.on('error', () => undefined);
      await declareTopology(channel, undefined, { partitioned: options.partitioned === true });
      return new DlqInspector(connection, channel, options);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw new AmqpBridgeError('unavailable', `cannot open the DLQ: ${errorMessage(error)}`, { cause: error });
    }
  }

  /** Up to `limit` dead letters: the broker's first (queue order), then the outbox's (oldest first). */
  async list(limit = 20): Promise<DlqEntry[]> {
    const broker = await this.scan(limit, () => 'keep');
    const rest = limit - broker.length;
    const outbox = rest > 0 && this.options.outbox ? await this.options.outbox.list(DEAD_LETTER_STATUSES, rest) : [];
    return [...broker.map((b) => b.entry), ...outbox.map(entryOfOutboxRow)];
  }

  async analyze(): Promise<DlqAnalysis> {
    const entries = await this.list(this.scanLimit());
    const tally = (key: (e: DlqEntry) => string) => {
      const counts: Record<string, number> = {};
      for (const e of entries) counts[key(e)] = (counts[key(e)] ?? 0) + 1;
      return counts;
    };
    const dated = entries.filter((e): e is DlqEntry & { at: string } => e.at !== undefined);
    dated.sort((a, b) => a.at.localeCompare(b.at));
    const analysis: DlqAnalysis = {
      total: entries.length,
      bySource: tally((e) => e.source),
      errorTypes: tally((e) => e.errorType),
      eventTypes: tally((e) => e.eventType),
    };
    const oldest = dated[0];
    const newest = dated.at(-1);
    if (oldest) analysis.oldest = { id: oldest.id, at: oldest.at };
    if (newest) analysis.newest = { id: newest.id, at: newest.at };
    return analysis;
  }

  /** Reprocesses one dead letter by id; NotFoundError when no dead letter has it. */
  async reprocess(id: string): Promise<DlqEntry> {
    const outbox = this.options.outbox;
    const row = outbox ? await outbox.get(id) : undefined;
    if (row && DEAD_LETTER_STATUSES.includes(row.status) && outbox && (await outbox.requeue(id, Date.now())))
      return entryOfOutboxRow(row);
    let done = false;
    const taken = await this.scan(this.scanLimit(), (entry) => {
      if (done || entry.id !== id) return 'keep';
      done = true;
      return 'reprocess';
    });
    const found = taken.find((t) => t.decision === 'reprocess');
    if (!found) throw new NotFoundError(`no dead letter with id "${id}"`, { id });
    return found.entry;
  }

  /** Reprocesses every dead letter matching the filter; returns them. */
  async reprocessAll(filter: ReprocessFilter = {}): Promise<DlqEntry[]> {
    const matches = (e: DlqEntry) =>
      (!filter.errorType || e.errorType === filter.errorType) &&
      (!filter.eventType || e.eventType === filter.eventType);
    const broker = await this.scan(this.scanLimit(), (entry) => (matches(entry) ? 'reprocess' : 'keep'));
    const done = broker.filter((b) => b.decision === 'reprocess').map((b) => b.entry);
    const outbox = this.options.outbox;
    if (outbox) {
      for (const row of await outbox.list(DEAD_LETTER_STATUSES, this.scanLimit())) {
        const entry = entryOfOutboxRow(row);
        if (matches(entry) && (await outbox.requeue(row.id, Date.now()))) done.push(entry);
      }
    }
    return done;
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }

  private scanLimit(): number {
    return this.options.scanLimit ?? 10_000;
  }

  /**
   * Reads up to `max` DLQ messages (held unacked, so each get returns the next one), reprocesses the
   * ones `decide` picks, and requeues the rest in their places.
   */
  private async scan(
    max: number,
    decide: (entry: DlqEntry) => Decision,
  ): Promise<Array<{ entry: DlqEntry; decision: Decision }>> {
    const held: GetMessage[] = [];
    const results: Array<{ entry: DlqEntry; decision: Decision }> = [];
    const settled = new Set<GetMessage>();
    try {
      for (let i = 0; i < max; i++) {
        const message = await this.channel.get(DEAD_LETTER_QUEUE, { noAck: false });
        if (message === false) break;
        held.push(message);
      }
      for (const message of held) {
        const entry = entryOfBrokerMessage(message);
        const decision = decide(entry);
        if (decision === 'reprocess') {
          await confirmPublish(
            this.channel,
            '',
            sourceQueueOf(message, WORK_QUEUE),
            message.content,
            publishOptionsOf(message, reprocessHeaders(message.properties.headers)),
            this.options.timeoutMs ?? 10_000,
          );
          this.channel.ack(message);
          settled.add(message);
        }
        results.push({ entry, decision });
      }
    } finally {
      for (const message of held) {
        if (settled.has(message)) continue;
        try {
          this.channel.nack(message, false, true);
        } catch {
          // The channel closed: the broker requeues every unacked message by itself.
        }
      }
    }
    return results;
  }
}
