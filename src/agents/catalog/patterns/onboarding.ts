import { type BaseAgent, SequentialAgent } from '../../runtime/index.js';
import type { PatternFactory } from './pattern-factory.js';
import { ONBOARDING_NAME, ONBOARDING_STEPS } from './pattern-names.js';

/** State keys each step leaves for the next. */
export const ONBOARDING_PROFILE_KEY = 'onboarding_profile';
export const ONBOARDING_FOLLOWUP_KEY = 'onboarding_followup';

/**
 * The onboarding SequentialAgent: (1) read the new customer's profile, (2) schedule the 7-day check-in,
 * (3) welcome the customer using both — each step leaves its output in state for the next
 * (`onboarding_profile`, `onboarding_followup`), and the welcome is the answer.
 */
export function createOnboardingFlow(factory: PatternFactory): BaseAgent {
  const profile = factory.createAgent('support_onboarding', {
    name: ONBOARDING_STEPS.profile,
    description: 'Lê o perfil e o contexto do novo cliente.',
    instruction: `Leia o contexto do cliente com get_contact_context e resuma em uma linha: nome, plano e o que
ele contratou. Esse resumo é interno (não fale com o cliente).`,
    extraTools: factory.tools(['get_contact_context']),
    outputKey: ONBOARDING_PROFILE_KEY,
    subAgents: [],
  });
  const followup = factory.createAgent('operations_followup', {
    name: ONBOARDING_STEPS.followup,
    description: 'Agenda o check-in de onboarding.',
    instruction: `Agende com create_follow_up_task um check-in de onboarding em 7 dias para este cliente.
Perfil: {${ONBOARDING_PROFILE_KEY}?}
Responda em uma linha interna com o que foi agendado (não fale com o cliente).`,
    outputKey: ONBOARDING_FOLLOWUP_KEY,
    subAgents: [],
  });
  const welcome = factory.createAgent('support_onboarding', {
    name: ONBOARDING_STEPS.welcome,
    instruction: `${factory.template('support_onboarding').instruction}

# ONBOARDING
Perfil do cliente: {${ONBOARDING_PROFILE_KEY}?}
Já agendado: {${ONBOARDING_FOLLOWUP_KEY}?}
Dê as boas-vindas, explique os primeiros passos e avise do check-in agendado.`,
    subAgents: [],
  });
  return new SequentialAgent({
    name: ONBOARDING_NAME,
    description: 'Onboarding em sequência: perfil → agenda check-in → boas-vindas.',
    subAgents: [profile, followup, welcome],
  });
}
