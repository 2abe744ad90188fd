import { runChaos } from '/work/wt/scaleout/test/bridge/amqp/support/chaos-harness.js';
process.env['TEST_DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const r = await runChaos({ instances: Number(process.argv[2] ?? 1), messages: 60, contacts: 6, kills: Number(process.argv[3] ?? 0), partitions: 4, concurrency: 8, timeoutMs: 120_000, log: (l) => console.error(l) });
console.log(JSON.stringify(r));
