import { ONBOARDING_KEYS } from '../../../../catalog/patterns/pattern-names.js';
import type { OfflinePolicy } from '../../offline-policy.js';
import { commaName } from '../../policy-kit/define-policy.js';
import { say } from '../../policy-kit/read-message.js';

type State = Readonly<Record<string, unknown>>;

/** The contact this run is about, as the app leaves it in state. */
function contactOf(state: State): string | undefined {
  const id = state['contact_id'];
  return typeof id === 'string' && id ? id : undefined;
}

const text = (state: State, key: string): string => {
  const value = state[key];
  return typeof value === 'string' ? value.trim() : '';
};

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** onboarding_welcome (step 1): one warm sentence. */
export const onboardingWelcomePolicy: OfflinePolicy = {
  searchMemoryFirst: false,
  answer: (message, results, state) => {
    const name = commaName(state, results);
    return say(
      message,
      `Bem-vindo(a) ao Ventros${name}! Que bom ter você com a gente.`,
      `Welcome to Ventros${name}! We are glad to have you.`,
      `¡Bienvenido(a) a Ventros${name}! Qué bueno tenerte con nosotros.`,
    );
  },
};

/** onboarding_profile (step 2): the new customer's name and plan. */
export const onboardingProfilePolicy: OfflinePolicy = {
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

/** onboarding_tutorial (step 3): three steps for the plan in the profile (reports for enterprise). */
export const onboardingTutorialPolicy: OfflinePolicy = {
  searchMemoryFirst: false,
  answer: (message, _results, state) => {
    const enterprise = /enterprise/i.test(text(state, ONBOARDING_KEYS.profile));
    return say(
      message,
      `1) Conecte o WhatsApp em Configurações › Canais. 2) Importe seus contatos (planilha CSV). 3) ${enterprise ? 'Ative os relatórios por loja no painel.' : 'Monte o seu funil de vendas com as etapas do seu negócio.'}`,
      `1) Connect WhatsApp under Settings › Channels. 2) Import your contacts (CSV sheet). 3) ${enterprise ? 'Turn on the per-store reports in the dashboard.' : 'Build your sales pipeline with your own stages.'}`,
      `1) Conecta WhatsApp en Configuración › Canales. 2) Importa tus contactos (planilla CSV). 3) ${enterprise ? 'Activa los informes por tienda en el panel.' : 'Arma tu embudo de ventas con las etapas de tu negocio.'}`,
    );
  },
};

/** onboarding_activation (step 4): the 7-day check-in, then welcome + tutorial + the first guided action. */
export const onboardingActivationPolicy: OfflinePolicy = {
  searchMemoryFirst: false,
  mainTool: (_message, state) => ({
    name: 'create_follow_up_task',
    args: {
      ...(contactOf(state) ? { contact_id: contactOf(state) } : {}),
      title: 'Check-in de onboarding (7 dias): configuração inicial e dúvidas',
      due_in_days: 7,
    },
  }),
  answer: (message, results, state) => {
    const welcome = text(state, ONBOARDING_KEYS.welcome);
    const tutorial = text(state, ONBOARDING_KEYS.tutorial);
    const scheduled = results.get('create_follow_up_task') !== undefined;
    const checkIn = say(
      message,
      scheduled ? ' Agendei um check-in em 7 dias para ver como está sendo a sua experiência.' : '',
      scheduled ? ' I scheduled a check-in in 7 days to see how it is going.' : '',
      scheduled ? ' Agendé un check-in en 7 días para ver cómo va tu experiencia.' : '',
    );
    const first = say(
      message,
      'Primeira ação, agora: conecte o WhatsApp (passo 1) e me responda "pronto" quando terminar, que eu te guio no passo 2.',
      'First action, right now: connect WhatsApp (step 1) and reply "done" when you finish; I will guide you through step 2.',
      'Primera acción, ahora: conecta WhatsApp (paso 1) y respóndeme "listo" cuando termines; te guío en el paso 2.',
    );
    return [welcome, tutorial, `${first}${checkIn}`].filter(Boolean).join('\n\n');
  },
};
