import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AudienceSchema } from '../../agents/application/index.js';
import type { EvalCase } from '../../agents/evaluation/eval-case.js';
import {
  atInstant,
  type Baseline,
  BaselineSchema,
  baselineOf,
  compareReports,
  type EvalReport,
  EvalReportSchema,
  expectedAgents,
  loadEvalSets,
  parseInstant,
  regressionsOf,
  renderHtmlReport,
  runEval,
} from '../../agents/evaluation/index.js';
import type { Model } from '../../agents/model/index.js';
import { createModel } from '../../agents/providers/index.js';
import { InvalidInputError, loadEnv, logger } from '../../shared/index.js';
import { hostConfig } from '../app/config-sources.js';
import { createScratchTargets } from '../app/eval-targets.js';
import { comparisonText, progressPrinter, regressionText, summaryText } from './eval-output.js';
import { replaySessionAsCase } from './eval-replay.js';

export interface EvalOptions {
  agent?: string;
  tag?: string[];
  model?: string;
  judge?: string;
  repeat: string;
  concurrency?: string;
  timeout?: string;
  now?: string;
  json?: string;
  html?: string;
  minPass?: string;
  baseline?: string;
  writeBaseline?: string;
  margin: string;
  fromSession?: string;
  tenant: string;
  audience: string;
  out?: string;
  compare?: string;
  report?: string;
}

/** The shipped eval sets: `./evals` when run from a checkout, else the package's own. */
function defaultEvalPaths(): string[] {
  if (existsSync('evals')) return ['evals'];
  const packaged = resolve(dirname(fileURLToPath(import.meta.url)), '../../../evals');
  return existsSync(packaged) ? [packaged] : ['evals'];
}

/** `0.8`, `80` or `80%` → 0.8. */
export function parseRate(text: string): number {
  const value = Number(text.replace(/%$/, ''));
  const rate = text.endsWith('%') || value > 1 ? value / 100 : value;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new InvalidInputError(`invalid rate "${text}": expected 0..1 or a percentage`);
  }
  return rate;
}

function positiveInt(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidInputError(`--${name} must be a positive integer`);
  return value;
}

function readReport(path: string): EvalReport {
  return EvalReportSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, text);
}

/** `ventros eval`: the command's work, loaded only when the command runs. `config` is the global --config. */
export async function runEvalCommand(paths: string[], options: EvalOptions, config: string | undefined): Promise<void> {
  if (!process.env.LOG_LEVEL) logger.level = 'warn';
  const env = loadEnv();
  const model = createModel(options.model, process.env);

  if (options.fromSession) {
    const { yaml } = await replaySessionAsCase({
      dataDir: resolve(env.VENTROS_DATA_DIR),
      tenantId: options.tenant,
      sessionId: options.fromSession,
      audience: AudienceSchema.parse(options.audience),
      model,
      env: process.env,
    });
    if (options.out) {
      writeFile(options.out, yaml);
      process.stderr.write(`wrote ${options.out}\n`);
    } else {
      process.stdout.write(yaml);
    }
    return;
  }

  if (options.compare && options.report) {
    process.stdout.write(
      comparisonText(compareReports(readReport(options.compare), readReport(options.report)), options.compare),
    );
    return;
  }

  let cases = loadEvalSets(paths.length > 0 ? paths : defaultEvalPaths()).map((l) => l.case);
  if (options.agent) {
    const agent = options.agent;
    cases = cases.filter((c) => c.agent === agent || expectedAgents(c).includes(agent));
  }
  if (options.tag) {
    const tags = new Set(options.tag);
    cases = cases.filter((c) => c.tags.some((t) => tags.has(t)));
  }
  if (cases.length === 0) throw new InvalidInputError('no eval case matches the filters');

  const judge = options.judge ? createModel(options.judge, process.env) : undefined;
  const baseline = options.baseline ? readBaseline(options.baseline) : undefined;
  const asOf = instantOf(options.now ?? baseline?.as_of);
  const report = await atInstant(asOf, () => measure(cases, options, model, judge, config));

  process.stdout.write(summaryText(report));
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFile(join(resolve(env.VENTROS_DATA_DIR), 'evals', 'latest.json'), json);
  if (options.json) writeFile(options.json, json);
  if (options.html) writeFile(options.html, renderHtmlReport(report));
  if (options.writeBaseline) {
    writeFile(options.writeBaseline, `${JSON.stringify(baselineOf(report, parseRate(options.margin)), null, 2)}\n`);
  }
  if (options.compare)
    process.stdout.write(comparisonText(compareReports(readReport(options.compare), report), options.compare));
  if (options.minPass !== undefined) {
    const min = parseRate(options.minPass);
    if (report.summary.pass_rate < min) {
      process.stderr.write(
        `ventros eval: pass rate ${(report.summary.pass_rate * 100).toFixed(1)}% is below --min-pass ${(min * 100).toFixed(1)}%\n`,
      );
      process.exitCode = 1;
    }
  }
  if (options.baseline) {
    const regressions = regressionsOf(report, baseline as Baseline);
    if (regressions.length > 0) {
      process.stderr.write(`ventros eval: below the baseline ${options.baseline}:\n${regressionText(regressions)}`);
      process.exitCode = 1;
    }
  }
}

/** Runs the cases on scratch copies of the seeded store (seeded as of the clock in force). */
async function measure(
  cases: EvalCase[],
  options: EvalOptions,
  model: Model,
  judge: Model | undefined,
  config: string | undefined,
): Promise<EvalReport> {
  const offline = model.provider === 'offline';
  const scratch = await createScratchTargets({
    env: process.env,
    model,
    // Builtin servers on the scratch store, unless a config is named explicitly.
    ...(config ? { hostConfig: await hostConfig(config, config) } : {}),
  });
  const progress = progressPrinter();
  try {
    return await runEval({
      cases,
      openTarget: scratch.openTarget,
      model: model.id,
      concurrency: options.concurrency ? positiveInt(options.concurrency, 'concurrency') : offline ? 2 : 4,
      repeat: positiveInt(options.repeat, 'repeat'),
      ...(judge ? { judge } : {}),
      ...(offline ? {} : { simulator: model }),
      ...(options.timeout ? { timeoutMs: positiveInt(options.timeout, 'timeout') } : {}),
      onProgress: progress.onProgress,
    });
  } finally {
    progress.end();
    await scratch.dispose();
  }
}

function readBaseline(path: string): Baseline {
  return BaselineSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

function instantOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  try {
    return parseInstant(text);
  } catch (error) {
    throw new InvalidInputError(`--now: ${(error as Error).message}`);
  }
}
