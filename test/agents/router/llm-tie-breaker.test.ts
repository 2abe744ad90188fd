import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../src/agents/catalog/index.js';
import { OfflineModel } from '../../../src/agents/providers/offline/offline-model.js';
import type { RouteDecision } from '../../../src/agents/router/index.js';
import { withLlmTieBreaker } from '../../../src/agents/router/index.js';
import { useMockLlm } from '../../support/mock-llm/use-mock-llm.js';

const llm = useMockLlm();

/** An abstention between billing and churn, with an internal agent third. */
const CLOSE: RouteDecision = {
  templateId: 'balanced',
  category: 'general',
  confidence: 0.62,
  fallback: true,
  scores: [
    { templateId: 'support_billing', score: 0.36 },
    { templateId: 'retention_churn', score: 0.33 },
    { templateId: 'bi_manager', score: 0.2 },
    { templateId: 'sales_negotiation', score: 0.05 },
  ],
};
const CLEAR: RouteDecision = {
  templateId: 'retention_churn',
  category: 'retention',
  confidence: 0.97,
  fallback: false,
  scores: [
    { templateId: 'retention_churn', score: 0.9 },
    { templateId: 'support_billing', score: 0.03 },
  ],
};
const fixed = (decision: RouteDecision) => async () => decision;

describe('withLlmTieBreaker (real Anthropic SDK against the mock LLM)', () => {
  it('lets the model choose among the top customer-facing candidates of a close call', async () => {
    llm.mock.enqueue({ text: 'support_billing' });
    const route = withLlmTieBreaker(fixed(CLOSE), { model: llm.models.anthropic, templates: TEMPLATES });
    const decision = await route('cobrança estranha, vou sair?', { audience: 'customer' });
    expect(decision).toMatchObject({ templateId: 'support_billing', fallback: false, decidedBy: 'model' });
    const [request] = llm.mock.requests;
    expect(request?.system).toContain('- support_billing:');
    expect(request?.system).toContain('- retention_churn:');
    expect(request?.system).toContain('- sales_negotiation:');
    // A customer's close call is never put to an internal agent.
    expect(request?.system).not.toContain('bi_manager');
    expect(request?.lastUserText).toBe('cobrança estranha, vou sair?');
    expect(request?.maxTokens).toBe(16);
  });

  it('does not ask the model when the router is clearly ahead', async () => {
    const route = withLlmTieBreaker(fixed(CLEAR), { model: llm.models.anthropic, templates: TEMPLATES });
    expect(await route('quero cancelar', { audience: 'customer' })).toEqual(CLEAR);
    expect(llm.mock.requests).toHaveLength(0);
  });

  it('fails open to the router on an answer naming no candidate, on an error and past its deadline', async () => {
    const route = withLlmTieBreaker(fixed(CLOSE), {
      model: llm.models.anthropic,
      templates: TEMPLATES,
      timeoutMs: 300,
    });
    llm.mock.enqueue({ text: 'bi_manager' });
    expect(await route('x y z', { audience: 'customer' })).toEqual(CLOSE);
    llm.mock.enqueue({ status: 400, errorMessage: 'bad request' });
    expect(await route('x y z', { audience: 'customer' })).toEqual(CLOSE);
    llm.mock.enqueue({ text: 'support_billing', delayMs: 5_000 });
    expect(await route('x y z', { audience: 'customer' })).toEqual(CLOSE);
  });

  it('is the router itself with the offline model', () => {
    const route = fixed(CLOSE);
    expect(withLlmTieBreaker(route, { model: new OfflineModel(), templates: TEMPLATES })).toBe(route);
  });
});
