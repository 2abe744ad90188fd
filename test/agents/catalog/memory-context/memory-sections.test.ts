import { describe, expect, it } from 'vitest';
import {
  type MemoryContextData,
  renderMemorySections,
  SECTION_HEADERS,
} from '../../../../src/agents/catalog/memory-context/index.js';

function bigData(): MemoryContextData {
  return {
    recentMessages: Array.from({ length: 20 }, (_, i) => ({
      at: `2026-12-01T10:${String(i).padStart(2, '0')}:00Z`,
      role: i % 2 === 0 ? ('customer' as const) : ('agent' as const),
      content: `mensagem número ${i} ${'x'.repeat(150)}`,
    })),
    similarSessions: Array.from({ length: 5 }, (_, i) => ({
      summary: `sessão parecida ${i} ${'y'.repeat(200)}`,
      score: 0.9 - i / 10,
    })),
    contact: { totalSessions: 7, avgSentiment: -0.25, lastInteraction: '2026-12-01', campaignSource: 'Black Friday' },
    facts: Array.from({ length: 10 }, (_, i) => ({ type: 'preference', text: `fato ${i} ${'z'.repeat(120)}` })),
  };
}

describe('renderMemorySections', () => {
  it('renders the seed format: its four markers in order, numbered sessions with similarity, "- type: text" facts', () => {
    const text = renderMemorySections(
      {
        recentMessages: [{ at: '2026-12-01T10:00:00Z', role: 'customer', content: 'Quero cancelar' }],
        similarSessions: [{ summary: 'Cliente pediu desconto', score: 0.8123 }],
        contact: { totalSessions: 3, avgSentiment: 0.5, lastInteraction: '2026-12-01' },
        facts: [{ type: 'budget', text: 'R$ 5000' }],
      },
      'en',
      4_000,
    );
    expect(text).toBe(
      [
        SECTION_HEADERS.recent,
        '[2026-12-01T10:00:00Z] customer: Quero cancelar',
        '',
        SECTION_HEADERS.similar,
        '1. Cliente pediu desconto (similarity: 0.81)',
        '',
        SECTION_HEADERS.contact,
        '- Total sessions: 3',
        '- Avg sentiment: 0.50',
        '- Last interaction: 2026-12-01',
        '',
        SECTION_HEADERS.facts,
        '- budget: R$ 5000',
      ].join('\n'),
    );
  });

  it('labels items in the customer language and leaves out empty sections', () => {
    const data: MemoryContextData = {
      recentMessages: [],
      similarSessions: [],
      contact: { totalSessions: 0, avgSentiment: null, lastInteraction: null, agents: [] },
      facts: [],
    };
    expect(renderMemorySections(data, 'pt', 1_000)).toBe(
      [
        SECTION_HEADERS.contact,
        '- Total de sessões: 0',
        '- Sentimento médio: nenhum',
        '- Última interação: nenhum',
        '- Atendido por: nenhum',
      ].join('\n'),
    );
    expect(renderMemorySections(data, 'es', 1_000)).toContain('- Total de sesiones: 0');
    expect(renderMemorySections({ recentMessages: [], similarSessions: [], facts: [] }, 'pt', 1_000)).toBe('');
  });

  it.each([300, 800, 1_500, 4_000])('stays within a %i-character budget, sharing it between the sections', (budget) => {
    const text = renderMemorySections(bigData(), 'pt', budget);
    expect(text.length).toBeLessThanOrEqual(budget);
    expect(text).toContain(SECTION_HEADERS.contact); // the short section always fits
    // Lines are dropped whole, so a tiny budget is not filled; a usable one is mostly used.
    if (budget >= 800) expect(text.length).toBeGreaterThan(budget * 0.6);
    if (budget >= 1_500) for (const header of Object.values(SECTION_HEADERS)) expect(text).toContain(header);
  });

  it('keeps the newest recent messages and the best sessions and facts when it has to cut', () => {
    const text = renderMemorySections(bigData(), 'pt', 1_500);
    expect(text).toContain('mensagem número 19');
    expect(text).not.toContain('mensagem número 0 ');
    expect(text).toContain('1. sessão parecida 0');
    expect(text).toContain('- preference: fato 0');
    expect(text).not.toContain('fato 9');
    // Whole lines only: every line is a header, a numbered session, a "- " item or a "[time]" message.
    for (const line of text.split('\n').filter(Boolean)) expect(line).toMatch(/^(=== |\d+\. |- |\[)/);
  });

  it('cuts one very long message to a line, so it cannot take the whole budget', () => {
    const text = renderMemorySections(
      { recentMessages: [{ at: 't', role: 'customer', content: 'a'.repeat(10_000) }], similarSessions: [], facts: [] },
      'pt',
      4_000,
    );
    expect(text.length).toBeLessThan(500);
    expect(text.endsWith('…')).toBe(true);
  });
});
