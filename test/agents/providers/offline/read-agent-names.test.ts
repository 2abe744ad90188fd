import { describe, expect, it } from 'vitest';
import { readAgentNames } from '../../../../src/agents/providers/offline/policy-kit/read-analytics.js';

describe('readAgentNames (the agents a manager names)', () => {
  it('reads capitalised names, in order, at most two', () => {
    expect(readAgentNames('Por que o João converte mais que a Maria?')).toEqual(['João', 'Maria']);
    expect(readAgentNames('¿Por qué Maria convierte menos que João?')).toEqual(['Maria', 'João']);
  });

  it('reads a possessive as the name', () => {
    expect(readAgentNames("Can you review Liam's conversations from this week?")).toEqual(['Liam']);
    expect(readAgentNames('Compare Emma’s and Liam’s numbers')).toEqual(['Emma', 'Liam']);
  });

  it('never takes a function word for a name ("than the AI assistant")', () => {
    expect(readAgentNames('Why does Emma close more deals than the AI assistant?')).toEqual(['Emma']);
    expect(readAgentNames('compara o joao com a maria')).toEqual(['joao', 'maria']);
  });
});
