import { ROUTE_HINT_KEY } from '../../../catalog/session-keys.js';
import type { OfflinePolicy, PolicyState } from '../offline-policy.js';

// The runtime offers a handoff as the tool `transfer_to_<agent>` (runtime/handoff-tool.ts); the
// policies call it by that wire name like a model would.
const HANDOFF_TOOL_PREFIX = 'transfer_to_';

/** The handoff tool for an agent, as the model sees it: `transfer_to_<agent>`. */
export function handoffCall(agent: string): string {
  return `${HANDOFF_TOOL_PREFIX}${agent}`;
}

/** Whether a (bare) tool name is a handoff. */
export function isHandoffCall(tool: string): boolean {
  return tool.startsWith(HANDOFF_TOOL_PREFIX);
}

/** The policy of an agent that only picks a handoff target and answers nothing itself. */
export function handoffPolicy(pick: (message: string, state: PolicyState) => string): OfflinePolicy {
  return {
    mainTool: (message, state) => ({ name: handoffCall(pick(message, state)), args: { reason: 'roteamento' } }),
    answer: () => 'Vou encaminhar você para o especialista certo.',
  };
}

/** The router's pick for this message (session state), when it is one of `allowed`. */
export function routeHint(state: PolicyState, allowed: readonly string[]): string | undefined {
  const hint = state[ROUTE_HINT_KEY];
  return typeof hint === 'string' && allowed.includes(hint) ? hint : undefined;
}
