import type { Model } from '../../model/index.js';
import type { AgentCallbacks, BaseAgent, LlmAgent } from '../../runtime/index.js';
import type { Tool } from '../../tool.js';
import { ROUTE_HINT_KEY } from '../session-keys.js';
import type { AgentTemplate } from '../template.js';

/** What a fresh template agent may differ in (mirrors build-catalog's TemplateAgentOverrides). */
export interface PatternAgentOverrides {
  name?: string;
  description?: string;
  instruction?: string;
  extraTools?: Tool[];
  subAgents?: BaseAgent[];
  outputKey?: string;
  callbacks?: AgentCallbacks;
}

/** What the workflow patterns build from; the catalog provides it. */
export interface PatternFactory {
  /** The default model, for agents that are not templates (directors, escalation). */
  model: Model;
  /** A new, unparented agent of a template (its tools, model, scope callbacks). */
  createAgent(templateId: string, overrides?: PatternAgentOverrides): LlmAgent;
  template(id: string): AgentTemplate;
  /** Host tools by bare name; missing ones are left out. */
  tools(names: string[]): Tool[];
  /** The semantic router, when available: routing agents store its pick for this message in state. */
  route?: (text: string) => Promise<{ templateId: string }>;
}

/**
 * A `beforeAgent` callback that routes the message once and stores the pick under ROUTE_HINT_KEY, where
 * the offline model's routing policies read it (a real model reads the conversation instead).
 */
export function routeHintCallback(factory: PatternFactory): AgentCallbacks {
  return {
    beforeAgent: async (ctx) => {
      if (!factory.route || typeof ctx.session.state[ROUTE_HINT_KEY] === 'string') return;
      const decision = await factory.route(ctx.userMessage);
      ctx.session.state[ROUTE_HINT_KEY] = decision.templateId;
    },
  };
}
