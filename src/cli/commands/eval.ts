import type { Command } from 'commander';
import { DEFAULT_TENANT_ID } from '../../shared/defaults.js';
import type { EvalOptions } from '../actions/eval.js';

/**
 * `ventros eval [paths…]`: runs eval sets on scratch copies of the seeded store and prints the pass
 * rate per agent and per check kind; JSON and HTML reports; `--min-pass` and `--baseline` set the exit
 * code; `--from-session` turns a stored conversation into a case; `--compare` lists what changed.
 */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('measure the agents on eval sets (default: the shipped evals/) over a scratch copy of the demo data')
    .argument('[paths...]', 'eval files or folders (*.yaml, *.yml, *.jsonl)')
    .option('--agent <agent>', 'only the cases for this agent (expected or addressed)')
    .option('--tag <tag...>', 'only the cases with one of these tags')
    .option(
      '--model <spec>',
      'the agents’ model: anthropic:<model>, gemini:<model> or offline (default: $VENTROS_MODEL)',
    )
    .option('--judge <spec>', 'grade cases that have a rubric with this model')
    .option('--repeat <n>', 'run every case n times (real models: the spread of the pass rate)', '1')
    .option('--concurrency <n>', 'cases in flight (default: 2 offline, 4 with a real model)')
    .option('--timeout <ms>', 'deadline of each turn')
    .option(
      '--now <instant>',
      'run as of this ISO instant (the demo data and "today"/"this month" follow it), for figures that hold on any day (default: --baseline’s as_of)',
    )
    .option('--json <file>', 'write the JSON report here')
    .option('--html <file>', 'write a self-contained HTML report here')
    .option('--min-pass <rate>', 'exit 1 when the pass rate is below this (0.8 or 80%)')
    .option('--baseline <file>', 'exit 1 when any rate is below the floors of this baseline (evals/baseline.json)')
    .option('--write-baseline <file>', 'write the floors (rates minus --margin) of this run as a baseline')
    .option('--margin <rate>', 'margin under the measured rates for --write-baseline', '0.02')
    .option('--from-session <id>', 'turn a stored conversation into a case (today’s agent and trajectory as baseline)')
    .option('--tenant <id>', 'tenant of --from-session', process.env.VENTROS_TENANT_ID || DEFAULT_TENANT_ID)
    .option('--audience <who>', 'audience of --from-session: customer or staff', 'customer')
    .option('--out <file>', 'where --from-session writes the case (default: stdout)')
    .option('--compare <old.json>', 'list the cases whose agent, trajectory or verdict changed since this report')
    .option('--report <new.json>', 'with --compare: compare with this report instead of running')
    .action(async (paths: string[], options: EvalOptions, command: Command) => {
      const { runEvalCommand } = await import('../actions/eval.js');
      await runEvalCommand(paths, options, command.optsWithGlobals<{ config?: string }>().config);
    });
}
