import { describe, expect, it } from 'vitest';
import {
  adjustKnowledgeScope,
  KNOWLEDGE_SCOPE_KEY,
  ScopeFrames,
  withScopeArgs,
} from '../../../src/agents/catalog/knowledge-scope.js';
import type { KnowledgeScope } from '../../../src/agents/catalog/template.js';

const base: KnowledgeScope = {
  lookback_days: 30,
  include_messages: false,
  include_sessions: true,
  include_tickets: false,
  include_purchases: true,
  include_offers: true,
  include_graph: false,
  include_agent_performance: false,
  max_results: 10,
};

describe('adjustKnowledgeScope', () => {
  it('narrows to one day for "hoje" / "today"', () => {
    expect(adjustKnowledgeScope(base, 'Quantos leads tive hoje?').lookback_days).toBe(1);
    expect(adjustKnowledgeScope(base, 'how many leads today').lookback_days).toBe(1);
  });

  it('widens to at least 90 days with messages for "porque" / "por que" / "why"', () => {
    for (const message of ['PORQUE o João é melhor que a Maria?', 'Por que caiu?', 'why did sales drop']) {
      const scope = adjustKnowledgeScope(base, message);
      expect(scope.lookback_days).toBe(90);
      expect(scope.include_messages).toBe(true);
    }
    expect(adjustKnowledgeScope({ ...base, lookback_days: 365 }, 'porque?').lookback_days).toBe(365);
  });

  it('adds agent performance for comparisons and leaves the base untouched', () => {
    const scope = adjustKnowledgeScope(base, 'comparar João vs Maria este mês');
    expect(scope).toMatchObject({ include_agent_performance: true, lookback_days: 30 });
    expect(base.include_agent_performance).toBe(false);
  });

  it('answers a scope of its own on every call for the same message (only the reading of the words is kept)', () => {
    const first = adjustKnowledgeScope(base, 'Quantos leads tive hoje?');
    first.lookback_days = 999;
    const again = adjustKnowledgeScope(base, 'Quantos leads tive hoje?');
    expect(again).not.toBe(first);
    expect(again.lookback_days).toBe(1);
    expect(adjustKnowledgeScope({ ...base, lookback_days: 120 }, 'Por que caiu hoje?').lookback_days).toBe(90);
  });

  it('keeps the default scope for an ordinary message', () => {
    expect(adjustKnowledgeScope(base, 'Quero cancelar, está muito caro')).toEqual(base);
  });
});

describe('ScopeFrames', () => {
  it('restores the previous scope after the last of concurrent delegations leaves', () => {
    const frames = new ScopeFrames();
    const original = { ...base, lookback_days: 7 };
    const state: Record<string, unknown> = { [KNOWLEDGE_SCOPE_KEY]: original, agent_category: 'general' };
    frames.enter(state, { ...base, lookback_days: 1 }, 'analytics');
    frames.enter(state, { ...base, lookback_days: 90 }, 'analytics');
    frames.exit(state);
    expect(state[KNOWLEDGE_SCOPE_KEY]).toMatchObject({ lookback_days: 90 });
    frames.exit(state);
    expect(state).toEqual({ [KNOWLEDGE_SCOPE_KEY]: original, agent_category: 'general' });
  });

  it('removes the keys when there was no scope before', () => {
    const frames = new ScopeFrames();
    const state: Record<string, unknown> = {};
    frames.enter(state, base, 'retention');
    frames.exit(state);
    expect(state).toEqual({});
  });
});

describe('withScopeArgs', () => {
  const schema = {
    type: 'object',
    properties: {
      query: { type: 'string' },
      limit: { type: 'number' },
      strategy: { type: 'string', enum: ['retention_churn', 'balanced'] },
      scope: { type: 'object', properties: { lookback_days: {}, include_messages: {}, include_offers: {} } },
    },
  };

  it('fills only declared properties and never overrides what the model wrote', () => {
    const args = withScopeArgs({ query: 'cancelar', scope: { lookback_days: 5 } }, base, schema, 'retention_churn');
    expect(args).toEqual({
      query: 'cancelar',
      limit: 10,
      strategy: 'retention_churn',
      scope: { lookback_days: 5, include_messages: false, include_offers: true },
    });
  });

  it('ignores a strategy the tool does not accept and a schema without scope', () => {
    expect(withScopeArgs({ query: 'x' }, base, { type: 'object', properties: { query: {} } }, 'analytics')).toEqual({
      query: 'x',
    });
    expect(withScopeArgs({ query: 'x' }, base, schema, 'analytics')['strategy']).toBeUndefined();
  });
});
