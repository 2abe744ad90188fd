import { describe, expect, it } from 'vitest';
import { FormatGuideSchema } from '../../../../src/agents/catalog/format-guide/format-guide.js';
import { renderFormatGuide } from '../../../../src/agents/catalog/format-guide/index.js';
import { parseBiAnswer } from '../../../../src/agents/catalog/format-guide/parse-bi-answer.js';

const comparison = {
  answer: 'João converteu mais: responde **2.5x** mais rápido.',
  format_guide: {
    format: 'markdown',
    structure: {
      sections: [
        { title: 'Resumo', type: 'text' },
        {
          title: 'Comparação',
          type: 'table',
          columns: ['Agente', 'Conversões', 'Taxa (%)'],
          rows: [
            ['João', 42, 31.5],
            ['Maria', 7, 12],
          ],
        },
        { title: 'Recomendações', type: 'bullets', items: ['Treinar <Maria> em follow-up', 'Usar scripts do João'] },
      ],
    },
    chart_config: { type: 'bar', x_axis: 'agent_name', y_axis: 'conversion_rate', title: 'Taxa por agente' },
  },
};

describe('FormatGuideSchema', () => {
  it('accepts the seed shape and the seed synonyms (summary sections, table data, top-level sections)', () => {
    const guide = FormatGuideSchema.parse({
      format: 'markdown',
      sections: [
        { type: 'summary', content: 'Resumo' },
        { type: 'table', columns: ['a'], data: [[1]] },
      ],
    });
    expect(guide.structure.sections).toEqual([
      { type: 'text', content: 'Resumo' },
      { type: 'table', columns: ['a'], rows: [[1]], data: [[1]] },
    ]);
  });

  it('rejects an unknown format', () => {
    expect(FormatGuideSchema.safeParse({ format: 'pdf', structure: {} }).success).toBe(false);
  });
});

describe('parseBiAnswer', () => {
  it('reads JSON inside a ```json fence surrounded by prose', () => {
    const text = `Aqui está:\n\`\`\`json\n${JSON.stringify(comparison, null, 2)}\n\`\`\`\nAbraço`;
    const parsed = parseBiAnswer(text);
    expect(parsed.fallback).toBe(false);
    expect(parsed.answer).toBe(comparison.answer);
    expect(parsed.format_guide.chart_config?.type).toBe('bar');
  });

  it('reads a bare JSON object with braces inside strings', () => {
    const payload = { answer: 'Use {chaves} à vontade', format_guide: { format: 'plain_text', structure: {} } };
    const parsed = parseBiAnswer(`Resultado: ${JSON.stringify(payload)} fim`);
    expect(parsed).toMatchObject({ answer: 'Use {chaves} à vontade', fallback: false });
  });

  it('falls back to the text with a plain_text guide, flagged, when there is no JSON', () => {
    const parsed = parseBiAnswer('  Hoje você teve 47 leads.  ');
    expect(parsed).toMatchObject({
      answer: 'Hoje você teve 47 leads.',
      fallback: true,
      format_guide: { format: 'plain_text', structure: {} },
    });
    expect(parsed.problem).toBeTruthy();
  });

  it('keeps the answer of a JSON object whose guide is invalid, never showing raw JSON', () => {
    const parsed = parseBiAnswer('{"answer": "47 leads", "format_guide": {"format": "pdf"}}');
    expect(parsed.answer).toBe('47 leads');
    expect(parsed.fallback).toBe(true);
    expect(parsed.problem).toContain('format_guide');
  });

  it('falls back on broken JSON', () => {
    const parsed = parseBiAnswer('```json\n{"answer": "x", \n```');
    expect(parsed.fallback).toBe(true);
    expect(parsed.answer).toContain('"answer"');
  });
});

describe('renderFormatGuide', () => {
  const guide = FormatGuideSchema.parse(comparison.format_guide);

  it('renders markdown: the answer in the empty text slot, a pipe table, bullets, a chart caption', () => {
    const md = renderFormatGuide(comparison.answer, guide, 'markdown');
    expect(md).toBe(
      [
        '## Resumo',
        comparison.answer,
        '## Comparação',
        '| Agente | Conversões | Taxa (%) |\n| --- | --- | --- |\n| João | 42 | 31.5 |\n| Maria | 7 | 12 |',
        '## Recomendações',
        '- Treinar <Maria> em follow-up\n- Usar scripts do João',
        '> Gráfico (bar) — Taxa por agente — agent_name × conversion_rate',
      ].join('\n\n'),
    );
  });

  it('renders HTML with everything escaped and **bold** as <strong>', () => {
    const html = renderFormatGuide(comparison.answer, guide, 'html');
    expect(html).toContain('<h2>Resumo</h2>');
    expect(html).toContain('<strong>2.5x</strong>');
    expect(html).toContain('<li>Treinar &lt;Maria&gt; em follow-up</li>');
    expect(html).toContain('<tr><td>João</td><td>42</td><td>31.5</td></tr>');
    expect(html).not.toContain('<Maria>');
    expect(html).toContain('data-chart-type="bar"');
  });

  it('escapes a script injected through a table cell in HTML', () => {
    const evil = FormatGuideSchema.parse({
      format: 'html',
      structure: { sections: [{ type: 'table', columns: ['x'], rows: [['<script>alert(1)</script>']] }] },
    });
    const html = renderFormatGuide('ok', evil, 'html');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('aligns plain-text tables in columns, numbers right-aligned, and strips markdown bold', () => {
    const text = renderFormatGuide(comparison.answer, guide, 'plain_text');
    const lines = text.split('\n');
    const tableStart = lines.indexOf('Agente | Conversões | Taxa (%)');
    expect(tableStart).toBeGreaterThan(0);
    expect(lines.slice(tableStart, tableStart + 4)).toEqual([
      'Agente | Conversões | Taxa (%)',
      '-------+------------+---------',
      'João   |         42 |     31.5',
      'Maria  |          7 |       12',
    ]);
    expect(text).toContain('responde 2.5x mais rápido');
    expect(text).not.toContain('**');
    expect(text).toContain('• Usar scripts do João');
  });

  it('renders the answer alone for a guide without sections, and puts it first when no slot exists', () => {
    expect(renderFormatGuide('47 leads', { format: 'markdown', structure: {} }, 'markdown')).toBe('47 leads');
    const tableOnly = FormatGuideSchema.parse({
      format: 'markdown',
      structure: { sections: [{ type: 'table', columns: ['Canal'], rows: [['WhatsApp']] }] },
    });
    expect(renderFormatGuide('Resumo', tableOnly, 'markdown').startsWith('Resumo\n\n| Canal |')).toBe(true);
  });

  it('leaves out empty tables and bullet lists', () => {
    const hints = FormatGuideSchema.parse({
      format: 'markdown',
      structure: {
        sections: [
          { title: 'Tabela', type: 'table' },
          { title: 'Itens', type: 'bullets' },
        ],
      },
    });
    expect(renderFormatGuide('Só texto', hints, 'markdown')).toBe('Só texto');
  });
});
