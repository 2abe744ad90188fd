/**
 * A/B of the offline CPU per steady-state message between two checkouts, in ONE process: each
 * checkout's seeded app (its own code, its own data dir) is loaded side by side, and every message is
 * sent to both, alternating which goes first. Load drifts on a shared machine then hit both sides
 * within milliseconds of each other, so a few % show through where separate processes
 * (paired-cpu.ts) spread ±10 % per pair. The figure to read is the median, over rotations of the four
 * messages, of B's CPU over A's.
 *
 * CPU is `process.cpuUsage()` around each `app.execute`: it counts the whole process, so GC work one
 * side's garbage causes may land on the other's message (the two share one heap). Run it both ways
 * round (A B, then B A) and take the geometric mean of B/A and 1/(A/B): the side created second
 * measured up to ~2 % cheaper in one same-code run (main against itself: median 0.974).
 *
 * `BENCH_VARIED_TEXTS=1` makes every message's text unique (support/rotation.ts).
 *
 *   npx tsx bench/inprocess-cpu-ab.ts <dirA> <dirB> [messages=600] [warmup=80]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SeededApp } from '../test/support/seeded-app.js';
import { ROTATION, rotationMessage } from './support/rotation.js';

const [dirA, dirB, messagesArg = '600', warmupArg = '80'] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error('usage: inprocess-cpu-ab.ts <dirA> <dirB> [messages] [warmup]');
const MESSAGES_PER_SIDE = Number(messagesArg);
const WARMUP = Number(warmupArg);

async function seededAppOf(dir: string): Promise<SeededApp> {
  const module = (await import(pathToFileURL(resolve(dir, 'test/support/seeded-app.ts')).href)) as {
    createSeededApp: (options?: object) => Promise<SeededApp>;
  };
  return module.createSeededApp({});
}

async function cpuOf(seeded: SeededApp, i: number, round: string): Promise<number> {
  const { message, contactId } = rotationMessage(i);
  const before = process.cpuUsage();
  await seeded.app.execute({
    agent: 'auto',
    message,
    tenantId: 'tenant-demo',
    contactId,
    sessionId: `${round}-${contactId}`,
  });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const a = await seededAppOf(dirA);
const b = await seededAppOf(dirB);
try {
  for (let i = 0; i < WARMUP; i++) {
    await cpuOf(a, i, 'warm');
    await cpuOf(b, i, 'warm');
  }
  const cpuA: number[] = [];
  const cpuB: number[] = [];
  for (let i = 0; i < MESSAGES_PER_SIDE; i++) {
    if (i % 2 === 0) {
      cpuA.push(await cpuOf(a, i, 'steady'));
      cpuB.push(await cpuOf(b, i, 'steady'));
    } else {
      cpuB.push(await cpuOf(b, i, 'steady'));
      cpuA.push(await cpuOf(a, i, 'steady'));
    }
  }
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  const ratios: number[] = [];
  for (let i = 0; i + ROTATION.length <= MESSAGES_PER_SIDE; i += ROTATION.length) {
    ratios.push(sum(cpuB.slice(i, i + ROTATION.length)) / sum(cpuA.slice(i, i + ROTATION.length)));
  }
  ratios.sort((x, y) => x - y);
  const meanA = sum(cpuA) / cpuA.length;
  const meanB = sum(cpuB) / cpuB.length;
  process.stdout.write(
    `CPU ms/message (steady, ${MESSAGES_PER_SIDE} each): A ${meanA.toFixed(3)}  B ${meanB.toFixed(3)}  ` +
      `B/A ${(meanB / meanA).toFixed(3)}  median B/A per rotation ${(ratios[ratios.length >> 1] as number).toFixed(3)}\n`,
  );
} finally {
  await a.close();
  await b.close();
}
