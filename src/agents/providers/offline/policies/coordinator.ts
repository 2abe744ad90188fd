import { ROUTE_HINT_KEY } from '../../../catalog/session-keys.js';
import { definePolicy, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';

/**
 * coordinator: always delegates — to the template the router chose for this message (state
 * `temp:route_template`), else to `balanced` — and answers with the specialist's words unchanged.
 */
export function coordinatorPolicy(specialists: ReadonlySet<string>): SteppedOfflinePolicy {
  const target = (state: Readonly<Record<string, unknown>>): string => {
    const routed = state[ROUTE_HINT_KEY];
    return typeof routed === 'string' && specialists.has(routed) ? routed : 'balanced';
  };
  return definePolicy({
    searchMemoryFirst: false,
    steps: [(message, state) => ({ name: target(state), args: { request: message } })],
    answer(_message, results, state) {
      const answer = results.get(target(state));
      if (typeof answer === 'string' && answer.trim() !== '') return answer;
      if (answer !== undefined) return JSON.stringify(answer);
      return 'Um momento, por favor: vou encaminhar sua mensagem ao especialista certo.';
    },
  });
}
