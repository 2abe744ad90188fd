import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, HttpMetrics } from '../../src/bridge/index.js';
import { readSse, type SseMessage } from '../../src/web/api/sse.js';
import { chartSpecOf, toNumber } from '../../src/web/guide/chart-data.js';
import { readGuide, type TableSection } from '../../src/web/guide/guide-model.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';

function bodyOf(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === 'string' ? encoder.encode(c) : c);
      controller.close();
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of readSse(stream)) out.push(m);
  return out;
}

describe('SSE reader', () => {
  it('reads events split anywhere across chunks, with comments, CRLF and multi-line data; drops a cut one', async () => {
    const messages = await all(
      bodyOf([
        ': hello\n\nevent: par',
        'tial\r\ndata: {"a":\ndata: 1}\r\nid: 7\r\n',
        '\r\ndata: é',
        'ok\n\n',
        'data: tail',
      ]),
    );
    expect(messages).toEqual([
      { event: 'partial', data: '{"a":\n1}', id: '7' },
      { event: 'message', data: 'éok', id: '7' },
    ]);
    // A character cut between two chunks.
    const bytes = new TextEncoder().encode('data: não\n\n');
    expect(await all(bodyOf([bytes.slice(0, 8), bytes.slice(8)]))).toEqual([{ event: 'message', data: 'não' }]);
  });

  describe('against the real stream route', () => {
    let seeded: SeededApp;
    let server: ReturnType<typeof serve>;
    beforeAll(async () => {
      seeded = await createSeededApp();
      const http = createHttpApp({
        app: seeded.app,
        metrics: new HttpMetrics(),
        apiTokens: new Map(),
        defaultTenantId: 'tenant-demo',
      });
      server = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((done) => server.once('listening', done));
    });
    afterAll(async () => {
      await new Promise((done) => server.close(done));
      await seeded.close();
    });

    it('yields every event of a run, the result last', async () => {
      const res = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/agents/bi_manager/stream`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'Quantos leads tivemos este mês?' }),
        },
      );
      const messages = await all(res.body as ReadableStream<Uint8Array>);
      expect(messages.map((m) => m.event)).toContain('tool_call');
      expect(messages.at(-1)?.event).toBe('result');
      const result = JSON.parse(messages.at(-1)?.data ?? '{}') as { result: { format_guide: unknown } };
      const guide = readGuide(result.result.format_guide);
      const tables = (guide?.sections ?? []).filter((s): s is TableSection => s.type === 'table');
      expect(guide?.chart && chartSpecOf(guide.chart, tables)).toMatchObject({
        kind: 'pie',
        labels: expect.any(Array),
      });
    });
  });
});

describe('charts from a format guide', () => {
  const table: TableSection = {
    type: 'table',
    title: 'Conversão por agente',
    columns: ['Agente', 'Leads', 'Conversões', 'Taxa (%)'],
    rows: [
      ['João Silva', 40, 12, '30,5'],
      ['Maria Souza', 35, 5, '14.3'],
    ],
  };

  it('plots the y column named by the config against the x column', () => {
    expect(chartSpecOf({ type: 'bar', title: 'Taxa', x_axis: 'Agente', y_axis: 'Taxa (%)' }, [table])).toEqual({
      kind: 'bar',
      title: 'Taxa',
      labels: ['João Silva', 'Maria Souza'],
      series: [{ label: 'Taxa (%)', data: [30.5, 14.3] }],
    });
  });

  it('plots every numeric column when the config names none, and maps kind synonyms', () => {
    const spec = chartSpecOf({ type: 'Column' }, [table]);
    expect(spec?.kind).toBe('bar');
    expect(spec?.series.map((s) => s.label)).toEqual(['Leads', 'Conversões', 'Taxa (%)']);
    expect(chartSpecOf({ type: 'spider' }, [table])?.kind).toBe('radar');
  });

  it('draws nothing without a numeric column', () => {
    expect(chartSpecOf({ type: 'pie' }, [{ type: 'table', columns: ['a', 'b'], rows: [['x', 'y']] }])).toBeUndefined();
    expect(chartSpecOf({ type: 'pie' }, [])).toBeUndefined();
  });

  it('reads numbers as agents write them', () => {
    expect([toNumber('1.234,5'), toNumber('1,234.5'), toNumber('45%'), toNumber('R$ 1.200'), toNumber('12,5')]).toEqual(
      [1234.5, 1234.5, 45, 1200, 12.5],
    );
    expect([toNumber('—'), toNumber(null), toNumber(true)]).toEqual([undefined, undefined, undefined]);
  });
});
