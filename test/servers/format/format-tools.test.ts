import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectStdio, ok, ROOT, textOf } from '../framework/harness.js';

const run = promisify(execFile);
let client: Client;

beforeAll(async () => {
  // The format server needs no store: point the data dir nowhere useful to prove it opens none.
  client = await connectStdio('format', { VENTROS_DATA_DIR: '/nonexistent/ventros-format-test' });
}, 60_000);

afterAll(async () => {
  await client?.close();
});

describe('format server over stdio', () => {
  it('renders a Markdown table with a format guide and an optional chart', async () => {
    const result = ok<{
      markdown: string;
      format_guide: { structure: { sections: unknown[] }; chart_config: unknown };
    }>(
      await callTool(client, 'format_table', {
        title: 'Desempenho por Agente',
        summary: '**João** converteu mais',
        columns: ['Agente', 'Conversões', 'Taxa (%)'],
        rows: [
          ['João', 7, 70],
          ['Maria | Souza', 2],
        ],
        chart_type: 'bar',
      }),
    );
    expect(result.markdown).toContain('| Agente | Conversões | Taxa (%) |');
    expect(result.markdown).toContain('| Maria \\| Souza | 2 |  |');
    expect(result.format_guide.structure.sections).toHaveLength(2);
    expect(result.format_guide.chart_config).toEqual({
      type: 'bar',
      data_source: 'table',
      x_column: 'Agente',
      y_column: 'Conversões',
    });
  });

  it('builds a chart config and refuses points without the axis keys', async () => {
    const chart = ok<{ labels: string[]; values: number[] }>(
      await callTool(client, 'format_chart_config', {
        chart_type: 'bar',
        x_axis: 'agent',
        y_axis: 'rate',
        data: [
          { agent: 'João', rate: 70 },
          { agent: 'Maria', rate: 20 },
        ],
      }),
    );
    expect(chart).toMatchObject({ labels: ['João', 'Maria'], values: [70, 20] });
    const bad = await callTool(client, 'format_chart_config', {
      chart_type: 'bar',
      x_axis: 'a',
      y_axis: 'b',
      data: [{ a: 1 }],
    });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/data\[0\] lacks/);
  });

  it('aggregates scores per dimension', async () => {
    const agg = ok<{ dimensions: Record<string, { mean: number; min: number; max: number }>; sample_size: number }>(
      await callTool(client, 'aggregate_scores', { scores_list: [{ grammar: 9, tone: 8 }, { grammar: 7 }] }),
    );
    expect(agg.sample_size).toBe(2);
    expect(agg.dimensions.grammar).toMatchObject({ mean: 8, min: 7, max: 9, count: 2 });
    expect(agg.dimensions.tone).toMatchObject({ mean: 8, count: 1 });
  });

  it('turns weaknesses into recommendations and learns from the winner', async () => {
    const rec = ok<{ recommendations: string[]; unmatched_weaknesses: string[] }>(
      await callTool(client, 'generate_recommendations', {
        strengths: ['rápida'],
        weaknesses: ['Tom pouco empático', 'response_time alto', 'usa emojis demais'],
        comparison_data: { winner_name: 'João', winner_strategies: ['intro empática', 'templates'] },
      }),
    );
    expect(rec.recommendations.some((r) => r.includes('Comunicação empática'))).toBe(true);
    expect(rec.recommendations.some((r) => r.includes('templates para perguntas comuns'))).toBe(true);
    expect(rec.recommendations.at(-1)).toContain('Observar estratégias de João');
    expect(rec.unmatched_weaknesses).toEqual(['usa emojis demais']);
  });

  it('answers missing required arguments with a tool error', async () => {
    const result = await callTool(client, 'format_table', { rows: [] });
    expect(result.isError).toBe(true);
  });
});

describe('MCP Inspector CLI against ventros server format', () => {
  const home = mkdtempSync(join(tmpdir(), 'ventros-inspector-'));
  // The Inspector needs Node 22: npx brings it (`node@22`) with the Inspector, as for the conformance
  // suite, from npm's usual cache (HOME is a scratch folder: the Inspector writes its settings there).
  const env = {
    ...process.env,
    HOME: home,
    npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
    MCP_INSPECTOR_SECRET_STORE: 'memory',
    LOG_LEVEL: 'silent',
  };
  const inspector = 'npx';
  const INSPECTOR = ['-y', '-p', 'node@22', '-p', '@modelcontextprotocol/inspector@2.12.0', '--', 'inspector'];
  const target = [...INSPECTOR, '--cli', process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'server', 'format'];
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('lists the four format tools', async () => {
    const { stdout } = await run(inspector, [...target, '--method', 'tools/list'], {
      cwd: ROOT,
      env,
      timeout: 240_000,
    });
    const names = (JSON.parse(stdout.slice(stdout.indexOf('{'))) as { tools: Array<{ name: string }> }).tools.map(
      (t) => t.name,
    );
    expect(names.sort()).toEqual([
      'aggregate_scores',
      'format_chart_config',
      'format_table',
      'generate_recommendations',
    ]);
  }, 250_000);

  it('calls a tool and exits 5 when the tool returns isError', async () => {
    const good = await run(
      inspector,
      [
        ...target,
        '--method',
        'tools/call',
        '--tool-name',
        'aggregate_scores',
        '--tool-args-json',
        '{"scores_list":[{"tone":4}]}',
      ],
      { cwd: ROOT, env, timeout: 240_000 },
    );
    expect(good.stdout).toContain('"sample_size": 1');
    const bad = await run(
      inspector,
      [
        ...target,
        '--method',
        'tools/call',
        '--tool-name',
        'format_chart_config',
        '--tool-args-json',
        '{"chart_type":"bar","x_axis":"a","y_axis":"b","data":[{"a":1}]}',
      ],
      { cwd: ROOT, env, timeout: 240_000 },
    ).then(
      () => ({ code: 0 }),
      (error: { code?: number }) => ({ code: error.code }),
    );
    expect(bad.code).toBe(5);
  }, 250_000);
});
