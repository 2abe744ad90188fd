import type { Model, OfflinePolicy } from '../../model/index.js';
import type { AgentCallbacks, BaseAgent, LlmAgent } from '../../runtime/index.js';
import type { Tool } from '../../tool.js';
import { passStateToModel } from '../knowledge-scope-callbacks.js';
import { ROUTED_TEMPLATE_STATE_KEY } from '../offline-policies/index.js';
import type { AgentTemplate } from '../template.js';

/** What a fresh template agent may differ in (mirrors build-catalog's TemplateAgentOverrides). */
export interface PatternAgentOverrides {
  name?: string;
  description?: string;
  instruction?: string;
  extraTools?: Tool[];
  subAgents?: BaseAgent[];
  outputKey?: string;
  offline?: OfflinePolicy;
  callbacks?: AgentCallbacks;
}

/** What the workflow patterns build from; the catalog provides it. */
export interface PatternFactory {
  /** The default model, for agents that are not templates (directors, escalation). */
  model: Model;
  /** A new, unparented agent of a template (its tools, model, offline policy, scope callbacks). */
  createAgent(templateId: string, overrides?: PatternAgentOverrides): LlmAgent;
  template(id: string): AgentTemplate;
  /** A template's offline policy (to extend it). */
  offlinePolicy(templateId: string): OfflinePolicy | undefined;
  /** Host tools by bare name; missing ones are left out. */
  tools(names: string[]): Tool[];
  /** The semantic router, when available: lets offline policies of routing agents pick a target. */
  route?: (text: string) => Promise<{ templateId: string }>;
}

/** State key where the app (or a routing agent) leaves the router's pick for offline policies (not persisted). */
export const ROUTE_HINT_KEY = ROUTED_TEMPLATE_STATE_KEY;

/** A `beforeAgent` callback that routes the message once and stores the pick under ROUTE_HINT_KEY. */
export function routeHintCallback(factory: PatternFactory): AgentCallbacks {
  return {
    beforeAgent: async (ctx) => {
      if (!factory.route || typeof ctx.session.state[ROUTE_HINT_KEY] === 'string') return;
      const decision = await factory.route(ctx.userMessage);
      ctx.session.state[ROUTE_HINT_KEY] = decision.templateId;
    },
    beforeModel: passStateToModel,
  };
}

/** Callbacks of plain (non-template) pattern agents: the session state reaches offline policies. */
export const PLAIN_AGENT_CALLBACKS: AgentCallbacks = { beforeModel: passStateToModel };

/** The offline policy of an agent that only picks a transfer target and answers nothing itself. */
export function transferPolicy(
  pick: (message: string, state: Readonly<Record<string, unknown>>) => string,
): OfflinePolicy {
  return {
    mainTool: (message, state) => ({ name: `transfer_to_${pick(message, state)}`, args: { reason: 'roteamento' } }),
    answer: () => 'Vou encaminhar você para o especialista certo.',
  };
}

/** The route hint, when it is one of `allowed`. */
export function routeHint(state: Readonly<Record<string, unknown>>, allowed: readonly string[]): string | undefined {
  const hint = state[ROUTE_HINT_KEY];
  return typeof hint === 'string' && allowed.includes(hint) ? hint : undefined;
}
