import { describe, expect, it } from 'vitest';
import {
  agentAnalyzerPolicy,
  biManagerPolicy,
} from '../../../../../src/agents/providers/offline/policies/analytics.js';

/*
 * The BI tools write their sentences (insights, recommendations) in the language they are given; the
 * offline policies give them the language of the question, so a Spanish or English staff question
 * does not quote Portuguese sentences.
 */

const comparison = {
  period: { name: 'last_30_days', from: '2026-11-05T03:00:00.000Z', to: '2026-12-05T03:00:00.000Z', timezone: 'UTC' },
  agents: [
    { name: 'João Silva', conversion_rate: 58.3 },
    { name: 'Maria Souza', conversion_rate: 0 },
  ],
  dimensions: [{ name: 'conversion_rate', a: 58.3, b: 0, winner: 'João Silva', lower_is_better: false }],
  overall_winner: 'João Silva',
  insights: ['João Silva convierte el 58,3% de los leads frente al 0% de Maria Souza.'],
  from_cache: false,
};

describe('analytics policies pass the question’s language to the BI tools', () => {
  it('agent_analyzer: compare_agents and generate_recommendations in Spanish for a Spanish question', () => {
    const message = '¿Por qué Maria convierte menos que João?';
    const first = agentAnalyzerPolicy.mainTool(message, {}, new Map());
    expect(first).toMatchObject({ name: 'compare_agents', args: { language: 'es' } });
    const second = agentAnalyzerPolicy.mainTool(message, {}, new Map([['compare_agents', comparison]]));
    expect(second).toMatchObject({ name: 'generate_recommendations', args: { language: 'es' } });
  });

  it('agent_analyzer: the session’s language (customer_language) wins over the message’s', () => {
    const call = agentAnalyzerPolicy.mainTool('ok, Joao e Maria', { customer_language: 'en' }, new Map());
    expect(call).toMatchObject({ name: 'compare_agents', args: { language: 'en' } });
  });

  it('bi_manager: compare_agents in English for an English question, Portuguese for a Portuguese one', () => {
    expect(biManagerPolicy.mainTool('Compare Emma and Liam this month', {})).toMatchObject({
      name: 'compare_agents',
      args: { language: 'en' },
    });
    expect(biManagerPolicy.mainTool('compare o João e a Maria este mês', {})).toMatchObject({
      name: 'compare_agents',
      args: { language: 'pt' },
    });
  });
});
