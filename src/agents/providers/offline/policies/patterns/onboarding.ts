import type { OfflinePolicy } from '../../offline-policy.js';
import { supportOnboardingPolicy } from '../support.js';

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

/** onboarding_profile (catalog/patterns/onboarding.ts): the new customer's name and plan. */
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

/** onboarding_followup: schedules the 7-day check-in. */
export const onboardingFollowupPolicy: OfflinePolicy = {
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

/** onboarding_welcome: onboarding support's welcome, plus the check-in the flow scheduled. */
export const onboardingWelcomePolicy: OfflinePolicy = {
  searchMemoryFirst: false,
  answer: (message, results, state) =>
    `${supportOnboardingPolicy.answer(message, results, state)} Agendei um check-in em 7 dias para ver como está sendo a sua experiência.`,
};
