import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvalReportSchema } from '../../src/agents/evaluation/eval-report.js';
import { loadEvalSets } from '../../src/agents/evaluation/load-eval-sets.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `ventros <args>` as a real subprocess, offline, on `dataDir`. */
function ventros(args: string[], dataDir: string, cwd = ROOT): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dataDir,
        VENTROS_MODEL: 'offline',
        VENTROS_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

const CASES = `defaults:
  tenant: tenant-demo
  audience: customer
cases:
  - id: cli-churn
    contact: contact-marcos
    agent: retention_churn
    turns: ["Quero cancelar, está muito caro"]
    expect:
      agents: [retention_churn]
      args: ["create_retention_offer.discount_percent <= 30"]
      answer: {language: pt}
  # Fails on purpose: the answer is in Spanish, as it should be; the case asks for English.
  - id: cli-churn-spanish
    contact: contact-bruno
    agent: retention_churn
    turns: ["Quiero cancelar mi suscripción, es muy cara"]
    expect:
      agents: [retention_churn]
      answer: {language: en}
  - id: cli-bi
    audience: staff
    agent: bi_manager
    turns: ["Quantos leads entraram hoje?"]
    expect:
      agents: [bi_manager]
      trajectory: {mode: in_order, tools: [get_leads_count]}
`;

/** A one-case report, as an older run would have written it. */
function fabricatedReport(bi: { agent: string; passed: boolean }) {
  return {
    summary: {
      pass_rate: bi.passed ? 1 : 0,
      cases: 1,
      passed: bi.passed ? 1 : 0,
      by_agent: { bi_manager: { cases: 1, passed: bi.passed ? 1 : 0, pass_rate: bi.passed ? 1 : 0 } },
      by_check: {},
      model: 'offline',
      started_at: '2026-11-01T12:00:00.000Z',
      duration_ms: 10,
    },
    cases: [
      {
        id: 'cli-bi',
        agent: bi.agent,
        expected_agents: ['bi_manager'],
        target_agent: 'bi_manager',
        repeat: 0,
        passed: bi.passed,
        description: '',
        tags: [],
        tenant: 'tenant-demo',
        audience: 'staff',
        simulated: false,
        duration_ms: 5,
        checks: [],
        turns: [
          {
            message: 'Quantos leads entraram hoje?',
            response: '…',
            agent_used: bi.agent,
            tool_calls: [
              { tool_name: bi.agent === 'bi_manager' ? 'get_leads_count' : 'compare_agents', input: {}, output: '{}' },
            ],
          },
        ],
      },
    ],
  };
}

const hash = (path: string) =>
  existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'none';

describe('ventros eval (subprocesses, offline model)', { timeout: 120_000 }, () => {
  let work: string;
  let dataDir: string;
  let evals: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'ventros-eval-cli-'));
    dataDir = join(work, 'data');
    evals = join(work, 'evals');
    mkdirSync(evals);
    writeFileSync(join(evals, 'cli.yaml'), CASES);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('prints the tables, writes the JSON, HTML and latest reports, lists changes with --compare, and exits 1 below --min-pass', async () => {
    const json = join(work, 'first.json');
    const html = join(work, 'first.html');
    const old = join(work, 'old.json');
    writeFileSync(old, JSON.stringify(fabricatedReport({ agent: 'agent_analyzer', passed: false })));
    const { code, stdout, stderr } = await ventros(
      ['eval', evals, '--json', json, '--html', html, '--min-pass', '90%', '--compare', old],
      dataDir,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('below --min-pass 90.0%');
    expect(stderr).toMatch(/\[3\/3\] (pass|FAIL) /); // plain progress lines: stderr is not a terminal
    expect(stdout).toMatch(/Eval: 2\/3 cases passed \(66\.7%\) on offline/);
    expect(stdout).toMatch(/^ {2}agent +cases +passed +rate$/m);
    expect(stdout).toMatch(/^ {2}retention_churn +2 +1 +50\.0%$/m);
    expect(stdout).toMatch(/^ {2}language +\d+ +\d+ +\d+\.\d%$/m);
    expect(stdout).toContain('✗ cli-churn-spanish — language: expected en, got es');
    expect(stdout).toContain(
      'cli-bi: agent agent_analyzer → bi_manager; trajectory compare_agents → get_leads_count; verdict fail → pass',
    );
    expect(stdout).toContain('new cases: cli-churn, cli-churn-spanish');
    const report = EvalReportSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(report.cases.map((c) => [c.id, c.passed])).toEqual([
      ['cli-churn', true],
      ['cli-churn-spanish', false],
      ['cli-bi', true],
    ]);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>[\s\S]*cli-churn-spanish/);
    const latest = EvalReportSchema.parse(JSON.parse(readFileSync(join(dataDir, 'evals', 'latest.json'), 'utf8')));
    expect(latest.summary.cases).toBe(3);
  });

  it('exits 0 at or above --min-pass (with --agent selecting cases) and compares two reports without running', async () => {
    const run = await ventros(['eval', evals, '--agent', 'bi_manager', '--min-pass', '1'], dataDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Eval: 1/1 cases passed (100.0%)');

    writeFileSync(join(work, 'a.json'), JSON.stringify(fabricatedReport({ agent: 'bi_manager', passed: true })));
    writeFileSync(join(work, 'b.json'), JSON.stringify(fabricatedReport({ agent: 'balanced', passed: false })));
    const compared = await ventros(
      ['eval', '--compare', join(work, 'a.json'), '--report', join(work, 'b.json')],
      dataDir,
    );
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain('pass rate 100.0% → 0.0%, 1 case(s) changed');
    expect(compared.stdout).toContain(
      'cli-bi: agent bi_manager → balanced; trajectory get_leads_count → compare_agents; verdict pass → fail',
    );
  });

  it('runs as of --now (the demo data and "today" follow it) and refuses an instant without a zone', async () => {
    const json = join(work, 'as-of.json');
    const run = await ventros(
      ['eval', evals, '--agent', 'bi_manager', '--now', '2026-03-11T15:00:00Z', '--json', json],
      dataDir,
    );
    expect(run.code).toBe(0);
    const report = EvalReportSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(report.summary.as_of).toBe('2026-03-11T15:00:00.000Z');
    // "today" is that day in the tenant's zone, and the seeded leads of that day are counted.
    const call = report.cases[0]?.turns[0]?.tool_calls.find((c) => c.tool_name === 'get_leads_count');
    expect(call?.output).toContain('2026-03-11');
    expect(report.cases[0]?.passed).toBe(true);
    expect(Date.parse(report.summary.started_at)).toBeGreaterThan(Date.parse('2026-11-01T00:00:00Z'));

    const bad = await ventros(['eval', evals, '--now', '2026-03-11 15:00'], dataDir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--now: invalid instant "2026-03-11 15:00"');
  });

  it('stops on an invalid eval set with the file and line of each problem', async () => {
    const bad = join(work, 'bad');
    mkdirSync(bad);
    writeFileSync(
      join(bad, 'bad.yaml'),
      'cases:\n  - id: x\n    turns: ["oi"]\n    expect:\n      trajectory: {mode: sideways}\n',
    );
    const { code, stderr } = await ventros(['eval', bad], dataDir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.yaml:5: case "x": expect\.trajectory\.mode/);
  });

  it('turns a stored conversation into a baseline case with --from-session, without changing the user’s data', async () => {
    const session = 'replay-session-1';
    const first = await ventros(
      ['run', 'auto', 'Quero cancelar, está muito caro', '--contact', 'contact-marcos', '--session', session],
      dataDir,
    );
    expect(first.code).toBe(0);
    const before = [
      hash(join(dataDir, 'crm.db')),
      hash(join(dataDir, 'crm.db-wal')),
      hash(join(dataDir, 'sessions.db')),
    ];
    const out = join(work, 'replay.yaml');
    const { code, stderr } = await ventros(
      ['eval', '--from-session', session, '--tenant', 'tenant-demo', '--out', out],
      dataDir,
    );
    expect(code).toBe(0);
    expect(stderr).toContain(`wrote ${out}`);
    expect([
      hash(join(dataDir, 'crm.db')),
      hash(join(dataDir, 'crm.db-wal')),
      hash(join(dataDir, 'sessions.db')),
    ]).toEqual(before);
    const [loaded] = loadEvalSets([out]);
    expect(loaded?.case).toMatchObject({
      id: 'replay-replay-s',
      tenant: 'tenant-demo',
      contact: 'contact-marcos',
      tags: ['replay'],
      turns: [
        {
          message: 'Quero cancelar, está muito caro',
          expect: {
            agents: ['retention_churn'],
            trajectory: { mode: 'in_order', tools: expect.arrayContaining(['search_memory']) },
            answer: { language: 'pt' },
          },
        },
      ],
    });
  });
});
