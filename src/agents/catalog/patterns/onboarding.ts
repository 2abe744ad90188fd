import type { OfflinePolicy } from '../../model/index.js';
import { type BaseAgent, SequentialAgent } from '../../runtime/index.js';
import type { PatternFactory } from './pattern-factory.js';

/** Name of the onboarding workflow. */
export const ONBOARDING_NAME = 'onboarding_flow';
/** State keys each step leaves for the next. */
export const ONBOARDING_PROFILE_KEY = 'onboarding_profile';
export const ONBOARDING_FOLLOWUP_KEY = 'onboarding_followup';

/** The contact this run is about, as the app leaves it in state. */
function contactOf(state: Readonly<Record<string, unknown>>): string | undefined {
  const id = state['contact_id'];
  return typeof id === 'string' && id ? id : undefined;
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const profilePolicy: OfflinePolicy = {
  mainTool: (_message, state) => {
    const contact = contactOf(state);
    return contact ? { name: 'get_contact_context', args: { contact_id: contact } } : undefined;
  },
  answer: (_message, results) => {
    const context = results.get('get_contact_context');
    const name = field(context, 'profile', 'name');
    const tier = field(context, 'profile', 'tier');
    return typeof name === 'string'
      ? `Perfil: ${name}${typeof tier === 'string' ? `, plano ${tier}` : ''}.`
      : 'Perfil: cliente novo, sem histórico.';
  },
};

const followupPolicy: OfflinePolicy = {
  mainTool: (_message, state) => ({
    name: 'create_follow_up_task',
    args: {
      ...(contactOf(state) ? { contact_id: contactOf(state) } : {}),
      title: 'Check-in de onboarding (7 dias): configuração inicial e dúvidas',
      due_in_days: 7,
    },
  }),
  answer: () => 'Check-in de onboarding agendado para daqui a 7 dias.',
};

/**
 * The onboarding SequentialAgent: (1) read the new customer's profile, (2) schedule the 7-day check-in,
 * (3) welcome the customer using both — each step leaves its output in state for the next
 * (`onboarding_profile`, `onboarding_followup`), and the welcome is the answer.
 */
export function createOnboardingFlow(factory: PatternFactory): BaseAgent {
  const profile = factory.createAgent('support_onboarding', {
    name: 'onboarding_profile',
    description: 'Lê o perfil e o contexto do novo cliente.',
    instruction: `Leia o contexto do cliente com get_contact_context e resuma em uma linha: nome, plano e o que
ele contratou. Esse resumo é interno (não fale com o cliente).`,
    extraTools: factory.tools(['get_contact_context']),
    outputKey: ONBOARDING_PROFILE_KEY,
    subAgents: [],
    offline: profilePolicy,
  });
  const followup = factory.createAgent('operations_followup', {
    name: 'onboarding_followup',
    description: 'Agenda o check-in de onboarding.',
    instruction: `Agende com create_follow_up_task um check-in de onboarding em 7 dias para este cliente.
Perfil: {${ONBOARDING_PROFILE_KEY}?}
Responda em uma linha interna com o que foi agendado (não fale com o cliente).`,
    outputKey: ONBOARDING_FOLLOWUP_KEY,
    subAgents: [],
    offline: followupPolicy,
  });
  const welcomeBase = factory.offlinePolicy('support_onboarding');
  const welcome = factory.createAgent('support_onboarding', {
    name: 'onboarding_welcome',
    instruction: `${factory.template('support_onboarding').instruction}

# ONBOARDING
Perfil do cliente: {${ONBOARDING_PROFILE_KEY}?}
Já agendado: {${ONBOARDING_FOLLOWUP_KEY}?}
Dê as boas-vindas, explique os primeiros passos e avise do check-in agendado.`,
    subAgents: [],
    offline: {
      searchMemoryFirst: false,
      answer: (message, results, state) => {
        const base = welcomeBase?.answer(message, results, state) ?? 'Seja muito bem-vindo(a) à Ventros!';
        return `${base} Agendei um check-in em 7 dias para ver como está sendo a sua experiência.`;
      },
    },
  });
  return new SequentialAgent({
    name: ONBOARDING_NAME,
    description: 'Onboarding em sequência: perfil → agenda check-in → boas-vindas.',
    subAgents: [profile, followup, welcome],
  });
}
