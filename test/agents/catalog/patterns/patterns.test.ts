import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENRICHMENT_KEYS } from '../../../../src/agents/catalog/patterns/lead-enrichment.js';
import {
  ONBOARDING_PROFILE_KEY,
  ONBOARDING_TUTORIAL_KEY,
  ONBOARDING_WELCOME_KEY,
} from '../../../../src/agents/catalog/patterns/onboarding.js';
import {
  DRAFT_KEY,
  HIERARCHY_ROOT_NAME,
  LEAD_ENRICHMENT_NAME,
  ONBOARDING_NAME,
  QA_LOOP_NAME,
  REFLECTIVE_AGENT_NAME,
  SUPPORT_HANDOFF_NAME,
} from '../../../../src/agents/catalog/patterns/pattern-names.js';
import { QUALITY_SCORE_KEY, REFLECTION_ATTEMPTS_KEY } from '../../../../src/agents/catalog/patterns/reflection.js';
import type { ModelRequest } from '../../../../src/agents/model/index.js';
import { Runner, type RunResult } from '../../../../src/agents/runtime/index.js';
import { InMemorySessionStore } from '../../../../src/agents/sessions/index.js';
import { ScriptedModel, type ScriptedReply } from '../../../support/scripted-model.js';
import { createSeededApp, type SeededApp } from '../../../support/seeded-app.js';
import { call, field, resultsSoFar } from '../script-helpers.js';

type Script = (request: ModelRequest) => ScriptedReply | string;

describe('workflow patterns (scripted model, real tool servers, seeded store)', () => {
  let seeded: SeededApp;
  let scripts: Record<string, Script> = {};
  const model = new ScriptedModel((request) => {
    const script = scripts[request.context?.agentName ?? ''];
    if (!script) throw new Error(`no script for agent ${request.context?.agentName}`);
    return script(request);
  });
  const run = (agent: string, message: string, contactId = 'contact-ana'): Promise<RunResult> =>
    new Runner({ sessions: new InMemorySessionStore() }).execute(seeded.app.catalog.get(agent), {
      message,
      tenantId: 'tenant-demo',
      contactId,
      stateDelta: { contact_id: contactId },
    });

  beforeAll(async () => {
    seeded = await createSeededApp({ model });
  });
  afterAll(async () => {
    await seeded?.close();
  });

  describe('handoff', () => {
    it('hands a billing question off to support_billing, which answers with the history', async () => {
      scripts = {
        [SUPPORT_HANDOFF_NAME]: (r) => call(r, 'transfer_to_support_billing', { reason: 'cobrança duplicada' }),
        support_billing: (r) => {
          const user = r.messages.find((m) => m.role === 'user');
          const asked = user?.content.find((p) => p.type === 'text');
          return `Sobre "${asked && 'text' in asked ? asked.text : ''}": vou estornar a cobrança duplicada.`;
        },
      };
      const result = await run(SUPPORT_HANDOFF_NAME, 'Fui cobrado duas vezes no boleto');
      expect(result.agentUsed).toBe('support_billing');
      expect(result.text).toContain('Fui cobrado duas vezes no boleto');
    });

    it('hands a very angry customer off to escalation, which opens a supervisor case', async () => {
      scripts = {
        [SUPPORT_HANDOFF_NAME]: (r) => call(r, 'transfer_to_escalation', { reason: 'cliente furioso' }),
        escalation: (r) =>
          resultsSoFar(r).has('escalate_to_supervisor')
            ? 'Sinto muito. Um supervisor vai te ligar.'
            : call(r, 'escalate_to_supervisor', { reason: 'Cliente furioso com falhas', severity: 9 }),
      };
      const result = await run(SUPPORT_HANDOFF_NAME, 'ISSO É UM ABSURDO!!! VOU NO PROCON');
      expect(result.agentUsed).toBe('escalation');
      expect(result.toolCalls.map((c) => c.tool)).toContain('retention__escalate_to_supervisor');
    });
  });

  describe('reflection', () => {
    it('critiques, regenerates once the score is below 0.8, and delivers when it passes', async () => {
      let critiques = 0;
      scripts = {
        [REFLECTIVE_AGENT_NAME]: (r) => {
          const last = resultsSoFar(r).get('critique_response');
          if (!last || (field<boolean>(last.content, 'should_regenerate') && critiques < 2)) {
            critiques++;
            const good = critiques === 2;
            return call(r, 'critique_response', {
              response: good ? 'Entendo sua dúvida! O plano Pro inclui...' : 'Plano Pro.',
              accuracy: good ? 9 : 6,
              empathy: good ? 9 : 3,
              completeness: good ? 8 : 4,
              issues: good ? [] : ['sem empatia', 'incompleta'],
            });
          }
          return 'Entendo sua dúvida! O plano Pro inclui relatórios e integrações.';
        },
      };
      const result = await run(REFLECTIVE_AGENT_NAME, 'O que tem no plano Pro?');
      expect(critiques).toBe(2);
      const outputs = result.toolCalls.map((c) => JSON.parse(c.output));
      expect(outputs[0]).toMatchObject({ should_regenerate: true, attempt: 1 });
      expect(outputs[1]).toMatchObject({ should_regenerate: false, attempt: 2 });
      expect(Number(result.state[QUALITY_SCORE_KEY])).toBeGreaterThanOrEqual(0.8);
    });

    it('stops asking for rewrites after three critiques even when the score stays low', async () => {
      scripts = {
        [REFLECTIVE_AGENT_NAME]: (r) => {
          const last = resultsSoFar(r).get('critique_response');
          if (last && !field<boolean>(last.content, 'should_regenerate')) return 'Melhor versão possível.';
          return call(r, 'critique_response', {
            response: 'x',
            accuracy: 2,
            empathy: 2,
            completeness: 2,
            issues: ['ruim'],
          });
        },
      };
      const result = await run(REFLECTIVE_AGENT_NAME, 'Me explica o plano');
      expect(result.toolCalls).toHaveLength(3);
      expect(JSON.parse(result.toolCalls[2]?.output ?? '{}')).toMatchObject({ attempt: 3, should_regenerate: false });
      expect(result.state[REFLECTION_ATTEMPTS_KEY]).toBe(3);
      expect(result.text).toBe('Melhor versão possível.');
    });
  });

  it('onboarding runs welcome → profile → tutorial → activation in order, each reading the previous steps from state', async () => {
    const order: string[] = [];
    scripts = {
      onboarding_welcome: () => {
        order.push('welcome');
        return 'Bem-vinda ao Ventros, Natália!';
      },
      onboarding_profile: (r) => {
        order.push('profile');
        const ctx = resultsSoFar(r).get('get_contact_context');
        return ctx
          ? `Perfil: ${field<string>(ctx.content, 'profile', 'name')}`
          : call(r, 'get_contact_context', { contact_id: 'contact-natalia' });
      },
      onboarding_tutorial: (r) => {
        order.push('tutorial');
        expect(r.system).toContain('Perfil: Natália Carvalho');
        return '1) Conecte o WhatsApp. 2) Importe seus contatos. 3) Monte o funil.';
      },
      onboarding_activation: (r) => {
        order.push('activation');
        expect(r.system).toContain('Bem-vinda ao Ventros, Natália!');
        expect(r.system).toContain('1) Conecte o WhatsApp.');
        const task = resultsSoFar(r).get('create_follow_up_task');
        return task
          ? `Bem-vinda! Primeiro passo agora: conecte o WhatsApp. Check-in em ${field<string>(task.content, 'due_at').slice(0, 10)}.`
          : call(r, 'create_follow_up_task', { title: 'Check-in onboarding', due_in_days: 7 });
      },
    };
    const result = await run(ONBOARDING_NAME, 'Acabei de contratar, e agora?', 'contact-natalia');
    expect([...new Set(order)]).toEqual(['welcome', 'profile', 'tutorial', 'activation']);
    expect(result.text).toMatch(
      /^Bem-vinda! Primeiro passo agora: conecte o WhatsApp\. Check-in em \d{4}-\d{2}-\d{2}\.$/,
    );
    expect(result.agentUsed).toBe('onboarding_activation');
    expect(result.state[ONBOARDING_WELCOME_KEY]).toBe('Bem-vinda ao Ventros, Natália!');
    expect(result.state[ONBOARDING_PROFILE_KEY]).toBe('Perfil: Natália Carvalho');
    expect(String(result.state[ONBOARDING_TUTORIAL_KEY])).toMatch(/^1\) Conecte o WhatsApp/);
  });

  it('lead enrichment runs its branches concurrently and keeps the others when one fails', async () => {
    scripts = {
      enrich_profile: (r) =>
        resultsSoFar(r).has('get_contact_context')
          ? 'perfil ok'
          : call(r, 'get_contact_context', { contact_id: 'contact-wagner' }),
      enrich_history: (r) =>
        resultsSoFar(r).has('search_memory') ? 'histórico ok' : call(r, 'search_memory', { query: 'interesse' }),
      enrich_score: () => ({ error: new Error('provider down') }),
    };
    const result = await run(LEAD_ENRICHMENT_NAME, 'Enriquecer o lead Wagner', 'contact-wagner');
    expect(result.state[ENRICHMENT_KEYS.profile]).toBe('perfil ok');
    expect(result.state[ENRICHMENT_KEYS.history]).toBe('histórico ok');
    expect(result.state[ENRICHMENT_KEYS.score]).toBeUndefined();
    expect(result.text).toContain('perfil ok');
    expect(result.text).toContain('histórico ok');
    expect(result.events.some((e) => e.type === 'error' && e.agent === 'enrich_score')).toBe(true);
  });

  describe('QA loop', () => {
    it('loops draft → review until quality ≥ 0.8 and answers with the approved draft', async () => {
      let drafts = 0;
      let reviews = 0;
      scripts = {
        qa_drafter: (r) => {
          // The second draft is written with the reviewer's feedback in the instruction.
          if (drafts === 1) expect(r.system).toContain('mais empatia');
          return `Rascunho ${++drafts}`;
        },
        qa_reviewer: (r) => {
          expect(r.system).toContain(`Rascunho ${drafts}`);
          if (reviews === drafts) return 'avaliado';
          reviews++;
          return call(r, 'record_quality', { quality_score: drafts === 1 ? 0.5 : 0.9, feedback: 'mais empatia' });
        },
      };
      const result = await run(QA_LOOP_NAME, 'Quero saber do meu pedido');
      expect(drafts).toBe(2);
      expect(result.text).toBe('Rascunho 2');
      expect(result.state[DRAFT_KEY]).toBe('Rascunho 2');
      expect(result.state[QUALITY_SCORE_KEY]).toBe(0.9);
    });

    it('stops after three rounds when the quality never reaches 0.8', async () => {
      let drafts = 0;
      let reviews = 0;
      scripts = {
        qa_drafter: () => `Rascunho ${++drafts}`,
        qa_reviewer: (r) => {
          if (reviews === drafts) return 'avaliado';
          reviews++;
          return call(r, 'record_quality', { quality_score: 0.4 });
        },
      };
      const result = await run(QA_LOOP_NAME, 'Quero saber do meu pedido');
      expect(drafts).toBe(3);
      expect(result.text).toBe('Rascunho 3');
    });
  });

  it('hierarchy: the CEO hands off to a director, the director to its specialist, who answers', async () => {
    scripts = {
      [HIERARCHY_ROOT_NAME]: (r) => call(r, 'transfer_to_retention_director'),
      retention_director: (r) => call(r, 'transfer_to_retention_churn'),
      retention_churn: () => 'Entendo, vamos ver uma condição para você ficar.',
    };
    const root = seeded.app.catalog.get(HIERARCHY_ROOT_NAME);
    expect(root.findAgent('retention_churn')).toBeDefined();
    expect(root.findAgent('support_billing')).toBeDefined();
    const result = await run(HIERARCHY_ROOT_NAME, 'Quero cancelar');
    expect(result.agentUsed).toBe('retention_churn');
    expect(result.text).toBe('Entendo, vamos ver uma condição para você ficar.');
  });
});
