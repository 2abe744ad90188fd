/**
 * Paired A/B of the offline CPU bench between two checkouts (say main and a branch), on a loaded
 * machine: the runs alternate between the two sides so load drifts hit both alike, and the table gives
 * each side's median and every pair's ratio. Each run is `bench/offline-message-cpu.bench.ts` in
 * its own process, started from that checkout (its own code and node_modules). The order alternates
 * (A B, B A, …): use an even number of pairs.
 *
 *   npx tsx bench/paired-cpu.ts <dirA> <dirB> [pairs=4] [turns=200] [warmup=40] [steady|fresh]
 *
 * Extra environment for one side: `PAIRED_ENV_A` / `PAIRED_ENV_B` (`KEY=value,KEY2=value`), e.g. the
 * same checkout twice with `PAIRED_ENV_A=VENTROS_BUILTIN_DIRECT=off`.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const [dirA, dirB, pairsArg, turns = '200', warmup = '40', row = 'steady'] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error('usage: paired-cpu.ts <dirA> <dirB> [pairs] [turns] [warmup] [steady|fresh]');
const pairs = Number(pairsArg ?? 4);

function envOf(spec: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (spec ?? '')
      .split(',')
      .filter(Boolean)
      // The value is everything after the first '=' (NODE_OPTIONS=--flag=value keeps its own '=').
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]),
  );
}

/** CPU ms/message of one run, read off the bench's table (its third column). */
function runOnce(dir: string, extra: Record<string, string>): number {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/offline-message-cpu.bench.ts', turns, warmup, row],
    { cwd: resolve(dir), env: { ...process.env, LOG_LEVEL: 'silent', ...extra }, encoding: 'utf8' },
  );
  const line = out.split('\n').find((l) => l.startsWith(row === 'steady' ? 'steady' : 'fresh'));
  const cells = line?.trim().split(/\s{2,}/) ?? [];
  const cpu = Number(cells[2]);
  if (!Number.isFinite(cpu)) throw new Error(`no CPU figure in:\n${out}`);
  return cpu;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < pairs; i++) {
  const load = loadavg()[0]?.toFixed(2);
  // A, B then B, A: the first run of a pair measured a few % cheaper on a loaded machine (both ways
  // round, 11 of 14 pairs), so a fixed order favours A; alternating cancels that out over even pairs.
  const first = i % 2 === 0 ? 'A' : 'B';
  const runA = () => a.push(runOnce(dirA, envOf(process.env['PAIRED_ENV_A'])));
  const runB = () => b.push(runOnce(dirB, envOf(process.env['PAIRED_ENV_B'])));
  if (first === 'A') {
    runA();
    runB();
  } else {
    runB();
    runA();
  }
  process.stdout.write(
    `pair ${i + 1} (${first} first): A ${a.at(-1)?.toFixed(2)} ms  B ${b.at(-1)?.toFixed(2)} ms  B/A ${((b.at(-1) as number) / (a.at(-1) as number)).toFixed(2)}  (load ${load})\n`,
  );
}
process.stdout.write(
  `median CPU ms/message (${row}, ${turns} turns): A ${median(a).toFixed(2)}  B ${median(b).toFixed(2)}  B/A ${(median(b) / median(a)).toFixed(2)}\n`,
);
