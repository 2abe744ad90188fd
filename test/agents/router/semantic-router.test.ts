import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../src/agents/catalog/index.js';
import { getTemplate } from '../../../src/agents/catalog/templates.js';
import { SemanticRouter } from '../../../src/agents/router/index.js';
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
    expect(router.routableTemplateIds).toHaveLength(TEMPLATES.length - 1);
  });

  it('is more confident on clear messages than on vague ones', async () => {
    const clear = await router.route('quero cancelar minha assinatura');
    const vague = await router.route('sobre aquilo de ontem');
    expect(clear.confidence).toBeGreaterThan(vague.confidence);
  });

  it('falls back below the threshold, to the fallback template it was given', async () => {
    const strict = await SemanticRouter.create({
      embedder: new LocalEmbedder(),
      threshold: 0.99,
      fallbackTemplateId: 'support_technical',
    });
    const decision = await strict.route('quero cancelar');
    expect(decision).toMatchObject({ templateId: 'support_technical', fallback: true });
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
