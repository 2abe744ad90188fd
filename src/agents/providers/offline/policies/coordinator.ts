import { ROUTE_HINT_KEY } from '../../../catalog/session-keys.js';
import { definePolicy, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { say } from '../policy-kit/read-message.js';
import { ToolFailure } from '../policy-kit/tool-results.js';

/**
 * coordinator: always delegates — to the template the router chose for this message (state
 * `temp:route_template`), else to `balanced` — and answers with the specialist's words unchanged. A
 * delegation that failed is never quoted: the customer gets a graceful answer instead.
 */
export function coordinatorPolicy(specialists: ReadonlySet<string>): SteppedOfflinePolicy {
  const target = (state: Readonly<Record<string, unknown>>): string => {
    const routed = state[ROUTE_HINT_KEY];
    return typeof routed === 'string' && specialists.has(routed) ? routed : 'balanced';
  };
  return definePolicy({
    searchMemoryFirst: false,
    steps: [(message, state) => ({ name: target(state), args: { request: message } })],
    answer(message, results, state) {
      const answer = results.get(target(state));
      if (answer instanceof ToolFailure) {
        return say(
          message,
          'Desculpe, não consegui resolver isso agora. Pode me contar com outras palavras o que você precisa? Se preferir, chamo uma pessoa da nossa equipe.',
          'Sorry, I could not sort this out right now. Could you tell me in other words what you need? If you prefer, I can bring in someone from our team.',
          'Perdón, no pude resolverlo ahora. ¿Me cuentas con otras palabras lo que necesitas? Si prefieres, llamo a una persona de nuestro equipo.',
        );
      }
      if (typeof answer === 'string' && answer.trim() !== '') return answer;
      if (answer !== undefined) return JSON.stringify(answer);
      return 'Um momento, por favor: vou encaminhar sua mensagem ao especialista certo.';
    },
  });
}
