import { describe, expect, it } from 'vitest';
import { buildCatalog, TEMPLATES } from '../../../../../src/agents/catalog/index.js';
import { OFFLINE_POLICIES } from '../../../../../src/agents/providers/offline/policies/registry.js';
import { type BaseAgent, LlmAgent } from '../../../../../src/agents/runtime/index.js';
import type { Tool } from '../../../../../src/agents/tool.js';
import { ScriptedModel } from '../../../../support/scripted-model.js';

const fakeTool = (name: string): Tool => ({
  name,
  description: name,
  inputSchema: { type: 'object', properties: {} },
  execute: async () => ({ content: '{}' }),
});

/** Every agent of a tree, the root first. */
function agentsOf(root: BaseAgent): BaseAgent[] {
  return [root, ...root.subAgents.flatMap(agentsOf)];
}

describe('the offline policy registry', () => {
  it('has a policy for every model-driven agent the catalog builds, templates and workflow agents alike', () => {
    const catalog = buildCatalog({
      model: new ScriptedModel([]),
      tools: (names) => names.map(fakeTool),
      templates: TEMPLATES,
    });
    const llmAgents = catalog
      .ids()
      .flatMap((id) => agentsOf(catalog.get(id)))
      .filter((agent): agent is LlmAgent => agent instanceof LlmAgent)
      .map((agent) => agent.name);
    const missing = [...new Set(llmAgents)].filter((name) => !OFFLINE_POLICIES.has(name));
    expect(missing).toEqual([]);
    // ...and nothing else: a policy whose agent was renamed would silently stop being used.
    const stale = [...OFFLINE_POLICIES.keys()].filter((name) => !llmAgents.includes(name));
    expect(stale).toEqual([]);
  });
});
