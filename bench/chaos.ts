/**
 * The chaos run at length: thousands of customer messages over 100 contacts (cancellations → retention
 * offers, technical problems → tickets) through 1, 2 and 3 instances of the RabbitMQ bridge — real
 * processes on one vhost, one PostgreSQL schema and one CRM SQLite file, partitioned by contact — and,
 * with 2 and 3 instances, two of them SIGKILLed and restarted mid-run. Prints msg/s and what was lost,
 * answered twice, written twice or answered out of order (all should be 0).
 *
 *   npx tsx bench/chaos.ts [messages=3000] [contacts=100] [partitions=16] [concurrency=16]
 *
 * Needs the local RabbitMQ (rabbitmqctl makes a vhost) and PostgreSQL: DATABASE_URL names the database
 * a schema is made in (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { type ChaosReport, runChaos } from '../test/bridge/amqp/support/chaos-harness.js';
import { table } from './support/stats.js';

const MESSAGES = Number(process.argv[2] ?? 3000);
const CONTACTS = Number(process.argv[3] ?? 100);
const PARTITIONS = Number(process.argv[4] ?? 16);
const CONCURRENCY = Number(process.argv[5] ?? 16);
process.env['TEST_DATABASE_URL'] ??= process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const reports: ChaosReport[] = [];
for (const instances of [1, 2, 3]) {
  const report = await runChaos({
    instances,
    messages: MESSAGES,
    contacts: CONTACTS,
    kills: instances === 1 ? 0 : 2,
    partitions: PARTITIONS,
    concurrency: CONCURRENCY,
    timeoutMs: 1_800_000,
    log: (line) => console.error(`[${instances}] ${line}`),
  });
  reports.push(report);
}
console.log(
  `\nbench/chaos: ${MESSAGES} messages over ${CONTACTS} contacts, ${PARTITIONS} partitions, concurrency ${CONCURRENCY}\n`,
);
console.log(
  table(
    reports.map((r) => ({
      instances: String(r.instances),
      SIGKILLs: String(r.kills),
      'msg/s': r.msgPerSec,
      answered: String(r.answered),
      lost: String(r.lost),
      'dup answers': String(r.duplicateAnswers),
      'republished (same event id)': String(r.republished),
      offers: String(r.offers),
      tickets: String(r.tickets),
      'dup effects': String(r.duplicateSideEffects),
      'order violations': String(r.orderViolations),
      DLQ: String(r.deadLettered),
    })),
  ),
);
