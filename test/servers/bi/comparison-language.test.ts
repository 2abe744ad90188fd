import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PublicAgentStats } from '../../../src/servers/bi/bi-context.js';
import { comparisonInsights } from '../../../src/servers/bi/comparison-insights.js';
import { biTools } from '../../../src/servers/bi/index.js';
import type { CallContext, ToolSpec } from '../../../src/servers/framework/index.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';
import { formatMoney } from '../../../src/shared/index.js';
import { seededDataDir } from '../framework/harness.js';

/*
 * compare_agents' insights are quoted into the answer: an English or Spanish question must get English
 * or Spanish sentences with the locale's money, not Portuguese ones with "R$ 10800.00". Portuguese
 * stays the default for callers that pass no language.
 */

const stats = (over: Partial<PublicAgentStats>): PublicAgentStats => ({
  agent_id: 'agent-x',
  name: 'X',
  kind: 'human',
  team: 'sales',
  active: true,
  leads_assigned: 10,
  conversions: 3,
  lost: 1,
  conversion_rate: 30,
  revenue: 0,
  conversations: 5,
  messages_sent: 20,
  avg_response_seconds: null,
  avg_conversation_sentiment: null,
  ...over,
});

const joao = stats({ name: 'João', conversion_rate: 58.3, revenue: 10800, avg_response_seconds: 120 });
const maria = stats({ name: 'Maria', conversion_rate: 12.5, revenue: 1234.5, avg_response_seconds: 300 });

describe('comparisonInsights in the asker’s language', () => {
  it('writes Portuguese with PT-BR money by default', () => {
    expect(comparisonInsights(joao, maria, { language: 'pt', currency: 'BRL' })).toEqual([
      'João responde 2,5x mais rápido (2 min vs 5 min de Maria).',
      'João converte 58,3% dos leads contra 12,5% de Maria.',
      'João gerou R$ 10.800,00 em receita contra R$ 1.234,50 de Maria.',
    ]);
  });

  it('writes English with US separators', () => {
    expect(comparisonInsights(joao, maria, { language: 'en', currency: 'BRL' })).toEqual([
      'João responds 2.5x faster (2 min vs 5 min for Maria).',
      'João converts 58.3% of leads against 12.5% for Maria.',
      'João generated R$10,800.00 in revenue against R$1,234.50 for Maria.',
    ]);
  });

  it('writes Spanish with Spanish separators', () => {
    expect(comparisonInsights(joao, maria, { language: 'es', currency: 'BRL' })).toEqual([
      'João responde 2,5x más rápido (2 min vs 5 min de Maria).',
      'João convierte el 58,3% de los leads frente al 12,5% de Maria.',
      'João generó 10.800,00 R$ en ingresos frente a 1234,50 R$ de Maria.',
    ]);
  });

  it('shows money in the tenant’s currency', () => {
    const [, , revenue] = comparisonInsights(joao, maria, { language: 'en', currency: 'USD' });
    expect(revenue).toBe('João generated $10,800.00 in revenue against $1,234.50 for Maria.');
  });
});

let data: { dir: string; cleanup(): void };
let store: CrmStore;

beforeAll(async () => {
  data = await seededDataDir();
  store = await openCrmStore({ path: join(data.dir, 'crm.db') });
}, 60_000);
afterAll(() => {
  store?.close();
  data?.cleanup();
});

interface Comparison {
  agents: PublicAgentStats[];
  dimensions: Array<{ name: string; a: number | null; b: number | null }>;
  insights: string[];
}

/** Runs compare_agents in process, its arguments parsed (defaults filled) as the server does. */
async function compare(tenantId: string, args: Record<string, unknown>): Promise<Comparison> {
  const tool = biTools({ store }).find((t) => t.name === 'compare_agents') as ToolSpec;
  const ctx = { tenantId, audience: 'staff', signal: new AbortController().signal } as CallContext;
  const parsed = z.object(tool.input).parse(args);
  return (await tool.handler(parsed as never, ctx)) as unknown as Comparison;
}

describe('compare_agents takes the language of the question', () => {
  const pair = { agent_a: 'João', agent_b: 'Maria', period: 'last_30_days' };

  it('answers an English request in English and a Spanish one in Spanish, numbers unchanged', async () => {
    const pt = await compare('tenant-demo', pair);
    const en = await compare('tenant-demo', { ...pair, language: 'en' });
    const es = await compare('tenant-demo', { ...pair, language: 'es' });
    // Only prose follows the language: the structured fields are the same numbers.
    expect(en.agents).toEqual(pt.agents);
    expect(es.dimensions).toEqual(pt.dimensions);
    expect(pt.insights.length).toBeGreaterThan(0);
    expect(en.insights).toHaveLength(pt.insights.length);
    expect(pt.insights.join(' ')).toMatch(/ (converte|responde|gerou) /);
    expect(en.insights.join(' ')).toMatch(/ (converts|responds|generated) /);
    expect(en.insights.join(' ')).not.toMatch(/ (converte|gerou|contra|mais rápido) /);
    expect(es.insights.join(' ')).toMatch(/ (convierte|responde|generó) /);
    expect(es.insights.join(' ')).not.toMatch(/ (converte|gerou|contra|mais rápido) /);
  });

  it('formats the revenue sentence with the locale’s money', async () => {
    const en = await compare('tenant-demo', { ...pair, language: 'en' });
    const [a, b] = en.agents as [PublicAgentStats, PublicAgentStats];
    // The seed gives João revenue and Maria none in the window, so the sentence is there.
    expect(a.revenue).not.toBe(b.revenue);
    const sentence = en.insights.find((i) => i.includes('revenue'));
    expect(sentence).toContain(formatMoney(Math.max(a.revenue, b.revenue), 'en', 'BRL'));
    const es = await compare('tenant-demo', { ...pair, language: 'es' });
    expect(es.insights.find((i) => i.includes('ingresos'))).toContain(
      formatMoney(Math.max(a.revenue, b.revenue), 'es', 'BRL'),
    );
  });

  it('refuses a language it does not write', async () => {
    await expect(compare('tenant-demo', { ...pair, language: 'fr' })).rejects.toThrow();
  });
});
