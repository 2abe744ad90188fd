import { CancelledError } from '../../shared/index.js';
import type { Model } from '../model/index.js';
import type { EvalCase } from './eval-case.js';
import { pinnedInstant, realNow } from './eval-clock.js';
import { type EvalReport, type ReportCase, reportCase, summarize } from './eval-report.js';
import type { EvalTarget, OpenEvalTarget } from './eval-target.js';
import { runCase } from './run-case.js';
import { DEFAULT_SCORERS, judgeScorer, type Scorer, type TenantPeople } from './scorers/index.js';

/** Reported after each case. */
export interface EvalProgress {
  done: number;
  total: number;
  id: string;
  repeat: number;
  passed: boolean;
  agent: string;
}

export interface RunEvalOptions {
  cases: readonly EvalCase[];
  openTarget: OpenEvalTarget;
  /** The agents' model id, for the report (`offline`, `anthropic:claude-…`). */
  model: string;
  /** Cases in flight at once, each on its own target (default 1). */
  concurrency?: number;
  /** Runs of every case (default 1); the report gives the spread of the pass rate. */
  repeat?: number;
  /** Default: {@link DEFAULT_SCORERS}. */
  scorers?: readonly Scorer[];
  /** Grades cases with a rubric; its id goes into the report. */
  judge?: Model;
  /** Plays the customer in cases with a persona and a goal. */
  simulator?: Model;
  /** Deadline of each turn. */
  timeoutMs?: number;
  onProgress?: (progress: EvalProgress) => void;
  signal?: AbortSignal;
}

const MAX_CONCURRENCY = 16;

/**
 * Runs eval cases and builds the report. Each worker holds one target (a scratch copy of the seeded
 * store) and runs cases on it one at a time, each on a fresh session; after a case that wrote (any
 * tool not marked read-only), the worker closes that target and takes a fresh copy — so no case sees
 * another's offers, tasks or tickets, and results do not depend on the order or the concurrency.
 *
 * @example
 * const report = await runEval({ cases, openTarget, model: 'offline', concurrency: 2 });
 * console.log(report.summary.pass_rate);
 */
export async function runEval(options: RunEvalOptions): Promise<EvalReport> {
  const startedAt = realNow();
  const asOf = pinnedInstant();
  const started = performance.now();
  const repeat = Math.max(1, Math.floor(options.repeat ?? 1));
  const scorers = [...(options.scorers ?? DEFAULT_SCORERS), ...(options.judge ? [judgeScorer(options.judge)] : [])];
  const jobs = Array.from({ length: repeat }, (_, r) =>
    options.cases.map((evalCase) => ({ evalCase, repeat: r })),
  ).flat();
  const results: ReportCase[] = new Array(jobs.length);
  const people = new Map<string, Promise<TenantPeople>>();
  let nextJob = 0;
  let done = 0;
  let stopped = false;

  const worker = async () => {
    let target: EvalTarget | undefined;
    try {
      for (let index = nextJob++; index < jobs.length && !stopped; index = nextJob++) {
        if (options.signal?.aborted) throw new CancelledError('eval cancelled');
        const { evalCase, repeat: r } = jobs[index] as (typeof jobs)[number];
        target ??= await options.openTarget();
        const opened = target;
        let tenantPeople = people.get(evalCase.tenant);
        if (!tenantPeople) {
          tenantPeople = opened.people(evalCase.tenant);
          people.set(evalCase.tenant, tenantPeople);
        }
        const run = await runCase(evalCase, opened, {
          scorers,
          people: await tenantPeople,
          ...(options.simulator ? { simulator: options.simulator } : {}),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        const entry = reportCase(evalCase, run, r);
        results[index] = entry;
        if (run.wrote) {
          target = undefined;
          await opened.close();
        }
        done++;
        options.onProgress?.({
          done,
          total: jobs.length,
          id: evalCase.id,
          repeat: r,
          passed: entry.passed,
          agent: entry.agent,
        });
      }
    } catch (error) {
      stopped = true; // the other workers finish their case and stop
      throw error;
    } finally {
      await target?.close();
    }
  };

  const workers = Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(options.concurrency ?? 1)), jobs.length || 1);
  await Promise.all(Array.from({ length: workers }, worker));
  return summarize(results, {
    model: options.model,
    ...(options.judge ? { judge: options.judge.id } : {}),
    startedAt,
    ...(asOf ? { asOf } : {}),
    durationMs: performance.now() - started,
    repeat,
  });
}
