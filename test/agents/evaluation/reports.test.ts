import { describe, expect, it } from 'vitest';
import { baselineOf, regressionsOf } from '../../../src/agents/evaluation/baseline.js';
import { compareReports } from '../../../src/agents/evaluation/compare-reports.js';
import { type EvalReport, type ReportCase, spreadOf, summarize } from '../../../src/agents/evaluation/eval-report.js';
import { renderHtmlReport } from '../../../src/agents/evaluation/html-report.js';

function reportCase(
  id: string,
  passed: boolean,
  agent: string,
  tools: string[],
  extra: Partial<ReportCase> = {},
): ReportCase {
  return {
    id,
    agent,
    expected_agents: [agent],
    target_agent: extra.target_agent ?? agent,
    repeat: 0,
    passed,
    description: '',
    tags: [],
    tenant: 'tenant-demo',
    audience: 'customer',
    simulated: false,
    duration_ms: 5,
    checks: [
      { kind: 'agent', passed: true, detail: agent },
      { kind: 'language', passed, detail: passed ? 'pt' : 'expected pt, got es' },
    ],
    turns: [
      {
        message: 'Quero cancelar <script>alert(1)</script>',
        response: 'Entendo & consegui 20%',
        agent_used: agent,
        tool_calls: tools.map((t) => ({ tool_name: t, input: {}, output: '{}' })),
      },
    ],
    ...extra,
  };
}

const meta = { model: 'offline', startedAt: new Date('2026-12-01T12:00:00Z'), durationMs: 1234, repeat: 1 };

describe('reports', () => {
  it('summarises pass rates per target agent and per check kind', () => {
    const report = summarize(
      [
        reportCase('a', true, 'retention_churn', ['search_memory']),
        reportCase('b', false, 'retention_churn', ['search_memory']),
        reportCase('c', true, 'bi_manager', ['get_leads_count']),
      ],
      meta,
    );
    expect(report.summary).toEqual({
      pass_rate: 0.6667,
      cases: 3,
      passed: 2,
      by_agent: {
        bi_manager: { cases: 1, passed: 1, pass_rate: 1 },
        retention_churn: { cases: 2, passed: 1, pass_rate: 0.5 },
      },
      by_check: {
        agent: { checks: 3, passed: 3, pass_rate: 1 },
        language: { checks: 3, passed: 2, pass_rate: 0.6667 },
      },
      model: 'offline',
      started_at: '2026-12-01T12:00:00.000Z',
      duration_ms: 1234,
    });
  });

  it('gives the spread of repeated runs', () => {
    expect(spreadOf([0.5, 0.7, 0.6])).toEqual({
      runs: 3,
      pass_rates: [0.5, 0.7, 0.6],
      mean: 0.6,
      min: 0.5,
      max: 0.7,
      stddev: 0.0816,
    });
    const twice = summarize([reportCase('a', true, 'sdr', []), { ...reportCase('a', false, 'sdr', []), repeat: 1 }], {
      ...meta,
      repeat: 2,
    });
    expect(twice.summary.repeat).toMatchObject({ runs: 2, pass_rates: [1, 0], mean: 0.5, stddev: 0.5 });
  });

  it('lists the cases whose agent, trajectory or verdict changed, and the added and removed ones', () => {
    const before = summarize(
      [
        reportCase('same', true, 'sdr', ['search_memory']),
        reportCase('moved', true, 'retention_churn', ['search_memory']),
        reportCase('gone', true, 'sdr', []),
      ],
      meta,
    );
    const after = summarize(
      [
        reportCase('same', true, 'sdr', ['search_memory']),
        reportCase('moved', false, 'balanced', ['search_memory', 'create_ticket'], { target_agent: 'retention_churn' }),
        reportCase('new', true, 'sdr', []),
      ],
      meta,
    );
    expect(compareReports(before, after)).toEqual({
      changed: [
        {
          id: 'moved',
          repeat: 0,
          changes: [
            { what: 'agent', before: 'retention_churn', after: 'balanced' },
            { what: 'trajectory', before: 'search_memory', after: 'search_memory, create_ticket' },
            { what: 'verdict', before: 'pass', after: 'fail' },
          ],
        },
      ],
      added: ['new'],
      removed: ['gone'],
      pass_rate: { before: 1, after: 0.6667 },
    });
  });

  it('derives a baseline with a margin and finds the rates that fell below it', () => {
    const measured = summarize(
      [
        reportCase('a', true, 'sdr', []),
        reportCase('b', true, 'bi_manager', []),
        reportCase('c', false, 'bi_manager', []),
      ],
      meta,
    );
    const baseline = baselineOf(measured, 0.05);
    expect(baseline).toMatchObject({ margin: 0.05, pass_rate: 0.6167, by_agent: { sdr: 0.95, bi_manager: 0.45 } });
    expect(regressionsOf(measured, baseline)).toEqual([]);
    const worse: EvalReport = summarize(
      [reportCase('a', false, 'sdr', []), reportCase('b', true, 'bi_manager', [])],
      meta,
    );
    expect(regressionsOf(worse, baseline)).toEqual([
      { scope: 'overall', name: 'all', rate: 0.5, floor: 0.6167 },
      { scope: 'agent', name: 'sdr', rate: 0, floor: 0.95 },
    ]);
  });

  it('renders a self-contained HTML page: inline CSS, no scripts or external requests, text escaped', () => {
    const html = renderHtmlReport(summarize([reportCase('a', false, 'retention_churn', ['search_memory'])], meta));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    expect(html).toContain('Quero cancelar &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Entendo &amp; consegui 20%');
    expect(html).toContain('expected pt, got es');
  });
});
