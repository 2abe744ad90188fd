import { describe, expect, it } from 'vitest';
import { FormatGuideSchema } from '../../../../src/agents/catalog/format-guide/format-guide.js';
import { call, field, resultsSoFar, scriptedSuite } from '../script-helpers.js';

describe('bi_manager specialist (scripted model, real tool servers, seeded store)', () => {
  const suite = scriptedSuite();

  it('bi_manager answers with the numbers the tool returned, as {answer, format_guide}', async () => {
    suite.script = (request) => {
      const seen = resultsSoFar(request);
      if (!seen.has('get_leads_count')) return call(request, 'get_leads_count', { period: 'today' });
      const counts = seen.get('get_leads_count')?.content;
      const total = field<number>(counts, 'total_leads');
      const qualified = field<number>(counts, 'qualified_leads');
      return `\`\`\`json\n${JSON.stringify({
        answer: `Hoje você teve **${total} leads**, sendo **${qualified} qualificados**.`,
        format_guide: {
          format: 'markdown',
          structure: {
            sections: [
              { title: 'Resumo', type: 'text' },
              {
                title: 'Leads',
                type: 'table',
                columns: ['Métrica', 'Valor'],
                rows: [
                  ['Total', total],
                  ['Qualificados', qualified],
                ],
              },
            ],
          },
          chart_config: { type: 'bar', x_axis: 'Métrica', y_axis: 'Valor' },
        },
      })}\n\`\`\``;
    };
    const result = await suite.seeded.app.execute({
      agent: 'bi_manager',
      message: 'Quantos leads tive hoje?',
      tenantId: 'tenant-demo',
    });
    const direct = await suite.seeded.app.host.callTool(
      'get_leads_count',
      { period: 'today' },
      { tenantId: 'tenant-demo' },
    );
    const truth = JSON.parse(direct.content) as { total_leads: number; qualified_leads: number };
    expect(result.response).toBe(
      `Hoje você teve **${truth.total_leads} leads**, sendo **${truth.qualified_leads} qualificados**.`,
    );
    expect(FormatGuideSchema.parse(result.format_guide)).toMatchObject({
      format: 'markdown',
      chart_config: { type: 'bar' },
    });
    expect(result.metadata['format_guide_fallback']).toBe('false');
    // Every number in the answer is one the tool returned.
    const numbers = (result.response.match(/\d+/g) ?? []).map(Number);
    expect(numbers.every((n) => n === truth.total_leads || n === truth.qualified_leads)).toBe(true);
    expect(result.agent_used).toBe('bi_manager');
  });
});
