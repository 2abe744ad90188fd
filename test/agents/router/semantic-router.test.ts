import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../src/agents/catalog/index.js';
import { getTemplate } from '../../../src/agents/catalog/templates.js';
import { SemanticRouter } from '../../../src/agents/router/index.js';
import { DEFAULT_SCORING } from '../../../src/agents/router/semantic-router.js';
import { ROUTER_TRAINING } from '../../../src/agents/router/training/index.js';
import { type Embedder, InvalidInputError, LocalEmbedder } from '../../../src/shared/index.js';

let router: SemanticRouter;

beforeAll(async () => {
  router = await SemanticRouter.create({ embedder: new LocalEmbedder() });
});

describe('SemanticRouter', () => {
  it.each([
    ['quero cancelar meu plano, ta muito caro', 'retention'],
    ['I want to cancel my subscription', 'retention'],
    ['o sistema ta dando erro quando salvo o contato', 'support'],
    ['my invoice shows a double charge', 'support'],
    ['quanto custa o plano pro?', 'sales'],
    ['can I get a discount if I pay yearly', 'sales'],
    ['marca uma reuniao quinta 14h', 'operations'],
    ['quero me inscrever no workshop', 'marketing'],
    ['quantos leads tivemos essa semana', 'analytics'],
    ['oi, bom dia!', 'general'],
  ])('routes "%s" to %s', async (text, category) => {
    const decision = await router.route(text);
    expect(decision.category).toBe(category);
    expect(decision.confidence).toBeGreaterThan(0);
    expect(decision.confidence).toBeLessThanOrEqual(1);
  });

  it('sends gibberish, laughter and empty messages to balanced as a fallback', async () => {
    for (const text of ['asdkjh qwpoe zzxv', 'kkkkkkkkkk', '???', '   ', '9999 8888', 'фывапролдж']) {
      const decision = await router.route(text);
      expect(decision, text).toMatchObject({ templateId: 'balanced', category: 'general', fallback: true });
    }
  });

  it('returns the five best templates by score, best first, and never the coordinator', async () => {
    const decision = await router.route('quero cancelar');
    expect(decision.scores).toHaveLength(5);
    expect(decision.scores[0]?.templateId).toBe(decision.templateId);
    for (let i = 1; i < decision.scores.length; i++) {
      expect(decision.scores[i - 1]?.score).toBeGreaterThanOrEqual(decision.scores[i]?.score as number);
    }
    expect(router.routableTemplateIds).not.toContain('coordinator');
    const withExamples = TEMPLATES.filter((t) => t.template_id !== 'coordinator' && t.intent_examples.length > 0);
    expect(router.routableTemplateIds).toHaveLength(withExamples.length);
  });

  it('is more confident on clear messages than on vague ones', async () => {
    const clear = await router.route('quero cancelar minha assinatura');
    const vague = await router.route('sobre aquilo de ontem');
    expect(clear.confidence).toBeGreaterThan(vague.confidence);
  });

  it('abstains below its confidence floor, to the fallback template it was given', async () => {
    const strict = await SemanticRouter.create({
      embedder: new LocalEmbedder(),
      abstainBelow: 1,
      fallbackTemplateId: 'support_technical',
    });
    const decision = await strict.route('quero cancelar');
    expect(decision).toMatchObject({ templateId: 'support_technical', fallback: true });
    expect(decision.scores[0]?.templateId).toBe('retention_churn');
  });

  it('without the classifier, falls back below the similarity threshold', async () => {
    const strict = await SemanticRouter.create({
      embedder: new LocalEmbedder(),
      threshold: 0.99,
      scoring: { ...DEFAULT_SCORING, classifierWeight: 0 },
    });
    expect(await strict.route('quero cancelar')).toMatchObject({ templateId: 'balanced', fallback: true });
  });

  it('routes a customer among customer-facing templates only, and leans staff toward internal ones', async () => {
    const text = 'quantos clientes cancelaram esse mes?';
    const customer = await router.route(text, { audience: 'customer' });
    expect(getTemplate(customer.templateId).customer_facing).toBe(true);
    for (const s of customer.scores) expect(getTemplate(s.templateId).customer_facing, s.templateId).toBe(true);
    expect((await router.route(text, { audience: 'staff' })).templateId).toBe('bi_manager');
    // Staff may still play a customer's message.
    expect((await router.route('quero cancelar, ta muito caro', { audience: 'staff' })).templateId).toBe(
      'retention_churn',
    );
  });

  it('routes what a denial leaves: "não quero cancelar, só…" follows the real request', async () => {
    const billing = await router.route('não quero cancelar, só quero entender a fatura', { audience: 'customer' });
    expect(billing.templateId).toBe('support_billing');
    const meeting = await router.route('cancela a reunião de amanhã às 15h', { audience: 'customer' });
    expect(meeting.templateId).toBe('operations_schedule');
  });

  it('sends opt-outs to the campaign agent, never to retention', async () => {
    for (const text of ['STOP', 'SAIR', 'unsubscribe', 'no me escriban más', 'quero parar de receber mensagens']) {
      const decision = await router.route(text, { audience: 'customer' });
      expect(decision, text).toMatchObject({ templateId: 'marketing_campaign', fallback: false });
      expect(decision.confidence).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('answers an opt-out in a word no training line had, instead of abstaining on an unknown word', async () => {
    // "descadastrem" and "unsubscribing" are opt-outs (opt-out.ts) that the classifier never saw.
    for (const text of ['descadastrem', 'UNSUBSCRIBING']) {
      const decision = await router.route(text, { audience: 'customer' });
      expect(decision, text).toMatchObject({ templateId: 'marketing_campaign', fallback: false });
    }
  });

  it('is deterministic: two routers built from the same data give the same decisions', async () => {
    const other = await SemanticRouter.create({ embedder: new LocalEmbedder(), training: { ...ROUTER_TRAINING } });
    for (const text of ['quero cancelar', 'my invoice is wrong', 'quiero una demo', 'o app nao abre']) {
      expect(await other.route(text)).toEqual(await router.route(text));
    }
  });

  it('uses routing keywords from the template data only', async () => {
    const custom = [
      { ...getTemplate('balanced') },
      { ...getTemplate('retention_churn'), intent_examples: ['alpha beta'], routing_keywords: ['zeta'] },
      { ...getTemplate('support_technical'), intent_examples: ['alpha gamma'], routing_keywords: [] },
    ];
    const r = await SemanticRouter.create({ embedder: new LocalEmbedder(), templates: custom, threshold: 0 });
    expect((await r.route('alpha zeta')).templateId).toBe('retention_churn');
  });

  it('embeds every intent example once, in one batch, at create', async () => {
    const calls: number[] = [];
    const inner = new LocalEmbedder();
    const counting: Embedder = {
      id: inner.id,
      dimensions: inner.dimensions,
      embed: (texts) => {
        calls.push(texts.length);
        return inner.embed(texts);
      },
    };
    const r = await SemanticRouter.create({ embedder: counting });
    const examples = TEMPLATES.reduce((n, t) => n + (t.category === 'coordinator' ? 0 : t.intent_examples.length), 0);
    expect(calls).toEqual([examples]);
    await r.route('quero cancelar');
    expect(calls).toEqual([examples, 1]);
  });

  it('rejects bad options with a typed error', async () => {
    const embedder = new LocalEmbedder();
    await expect(SemanticRouter.create({ embedder, fallbackTemplateId: 'nobody' })).rejects.toThrow(InvalidInputError);
    await expect(SemanticRouter.create({ embedder, threshold: 2 })).rejects.toThrow(/invalid router options/);
    await expect(
      SemanticRouter.create({ embedder, templates: [getTemplate('coordinator')], fallbackTemplateId: 'coordinator' }),
    ).rejects.toThrow(/no template has intent examples/);
  });
});
