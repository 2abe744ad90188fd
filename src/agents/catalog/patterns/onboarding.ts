import { type BaseAgent, SequentialAgent } from '../../runtime/index.js';
import type { PatternFactory } from './pattern-factory.js';
import { ONBOARDING_KEYS, ONBOARDING_NAME, ONBOARDING_STEPS } from './pattern-names.js';

/** State keys each step leaves for the next. */
export const ONBOARDING_WELCOME_KEY = ONBOARDING_KEYS.welcome;
export const ONBOARDING_PROFILE_KEY = ONBOARDING_KEYS.profile;
export const ONBOARDING_TUTORIAL_KEY = ONBOARDING_KEYS.tutorial;

/**
 * The seed's OnboardingPipeline, a SequentialAgent in its order: (1) Welcome — greets the new
 * customer; (2) ProfileSetup — reads the profile and plan; (3) Tutorial — picks the features to teach
 * for that plan; (4) Activation — the first guided action and a 7-day check-in, then the one message
 * the customer reads (welcome + tutorial + first action). Each step leaves its output in state
 * (`onboarding_welcome_text`, `onboarding_profile`, `onboarding_tutorial`) for the next.
 */
export function createOnboardingFlow(factory: PatternFactory): BaseAgent {
  const welcome = factory.createAgent('support_onboarding', {
    name: ONBOARDING_STEPS.welcome,
    description: 'Dá as boas-vindas ao novo cliente.',
    instruction: `Escreva UMA frase de boas-vindas calorosa ao novo cliente do Ventros CRM (use o nome se
souber: {contact_name?}). Só a frase, sem perguntas nem instruções. Idioma da resposta:
{language_instruction?}`,
    outputKey: ONBOARDING_WELCOME_KEY,
    subAgents: [],
  });
  const profile = factory.createAgent('support_onboarding', {
    name: ONBOARDING_STEPS.profile,
    description: 'Lê o perfil e o contexto do novo cliente.',
    instruction: `Leia o contexto do cliente com get_contact_context e resuma em uma linha: nome, plano e o que
ele contratou. Esse resumo é interno (não fale com o cliente).`,
    extraTools: factory.tools(['get_contact_context']),
    outputKey: ONBOARDING_PROFILE_KEY,
    subAgents: [],
  });
  const tutorial = factory.createAgent('support_onboarding', {
    name: ONBOARDING_STEPS.tutorial,
    description: 'Ensina as funcionalidades certas para o plano do cliente.',
    instruction: `Perfil do cliente: {${ONBOARDING_PROFILE_KEY}?}
Escreva um mini tutorial de no máximo 3 passos numerados com as funcionalidades que este cliente
deve aprender primeiro, conforme o plano (ex.: conectar o WhatsApp, importar contatos, criar o
funil de vendas; no Enterprise, também relatórios por loja). Uma linha por passo, sem saudação.
Idioma da resposta: {language_instruction?}`,
    outputKey: ONBOARDING_TUTORIAL_KEY,
    subAgents: [],
  });
  const activation = factory.createAgent('support_onboarding', {
    name: ONBOARDING_STEPS.activation,
    description: 'Guia a primeira ação do cliente e agenda o check-in.',
    instruction: `${factory.template('support_onboarding').instruction}

# ONBOARDING — ATIVAÇÃO
Boas-vindas já escritas: {${ONBOARDING_WELCOME_KEY}?}
Perfil do cliente: {${ONBOARDING_PROFILE_KEY}?}
Tutorial: {${ONBOARDING_TUTORIAL_KEY}?}
1. Agende com create_follow_up_task um check-in de onboarding em 7 dias.
2. Responda ao cliente numa única mensagem: as boas-vindas, o tutorial, e a PRIMEIRA AÇÃO guiada —
   o passo 1 do tutorial, para fazer agora, com o que ele deve responder quando terminar — e o
   check-in agendado.`,
    subAgents: [],
  });
  return new SequentialAgent({
    name: ONBOARDING_NAME,
    description: 'Onboarding em sequência: boas-vindas → perfil → tutorial → ativação (primeira ação guiada).',
    subAgents: [welcome, profile, tutorial, activation],
  });
}
