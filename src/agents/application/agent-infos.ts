import { type AgentCatalog, templateTools } from '../catalog/index.js';
import type { AgentInfo } from './agent-application.js';

/** An agent's info without the figures measured while serving. */
export type StaticAgentInfo = Omit<AgentInfo, 'avg_latency_ms'>;

/** The catalog as the bridges list it: templates first (with their tools), then the pattern agents. */
export function agentInfos(catalog: AgentCatalog): StaticAgentInfo[] {
  const infos: StaticAgentInfo[] = catalog.templates.map((t) => ({
    type: t.template_id,
    name: t.name,
    description: t.description,
    category: t.category,
    tools: templateTools(t),
    customer_facing: t.customer_facing,
    intent_examples: t.intent_examples,
  }));
  for (const workflow of Object.values(catalog.patterns)) {
    if (!workflow) continue;
    infos.push({
      type: workflow.name,
      name: workflow.name,
      description: workflow.description,
      category: 'workflow',
      tools: workflow.subAgents.map((a: { name: string }) => `agent:${a.name}`),
      customer_facing: false,
    });
  }
  return infos;
}
