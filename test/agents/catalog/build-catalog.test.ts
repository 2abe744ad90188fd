import { describe, expect, it } from 'vitest';
import { agentInfos } from '../../../src/agents/application/agent-infos.js';
import { catalogAgentIds } from '../../../src/agents/catalog/agent-ids.js';
import { CatalogBuildError } from '../../../src/agents/catalog/build-catalog.js';
import { type AgentTemplate, buildCatalog, TEMPLATES, templateTools } from '../../../src/agents/catalog/index.js';
import type { LlmAgent } from '../../../src/agents/runtime/index.js';
import type { Tool } from '../../../src/agents/tool.js';
import { ScriptedModel } from '../../support/scripted-model.js';

const fakeTool = (name: string): Tool => ({
  name: `srv__${name}`,
  description: name,
  inputSchema: { type: 'object', properties: {} },
  execute: async () => ({ content: 'ok' }),
});

/** A resolver like the host's: bare names → namespaced tools, except the ones left out. */
function resolver(missing: readonly string[] = []) {
  return (names: string[]) => {
    const [name] = names;
    if (!name || missing.includes(name)) throw new Error(`tool_not_found: ${name}`);
    return [fakeTool(name)];
  };
}

describe('buildCatalog', () => {
  const model = new ScriptedModel([]);

  it('builds every template, the coordinator with specialists as agent tools, and the pattern agents', () => {
    const catalog = buildCatalog({ model, tools: resolver(), templates: TEMPLATES });
    for (const template of TEMPLATES) expect(catalog.get(template.template_id).name).toBe(template.template_id);
    const coordinator = catalog.coordinator as LlmAgent;
    // Agents with no intent examples (the retention supervisor) are another agent's tool, not a route.
    const specialists = TEMPLATES.filter((t) => t.template_id !== 'coordinator' && t.intent_examples.length > 0).map(
      (t) => t.template_id,
    );
    expect(coordinator.tools.map((t) => t.name).sort()).toEqual([...specialists].sort());
    expect(catalog.ids()).toEqual(
      expect.arrayContaining([
        'support_handoff',
        'reflective_agent',
        'onboarding_flow',
        'lead_enrichment',
        'qa_review',
        'ceo_agent',
      ]),
    );
  });

  it('knows the ids it answers to before building anything (what `ventros mcp` lists at once)', () => {
    const catalog = buildCatalog({ model, tools: resolver(), templates: TEMPLATES });
    expect(catalogAgentIds(TEMPLATES)).toEqual(agentInfos(catalog).map((a) => a.type));
    const fewer = TEMPLATES.filter((t) => t.template_id !== 'operations_qa' && t.template_id !== 'coordinator');
    const smaller = buildCatalog({ model, tools: resolver(), templates: fewer });
    expect(catalogAgentIds(fewer)).toEqual(agentInfos(smaller).map((a) => a.type));
    expect(catalogAgentIds(fewer)).not.toContain('qa_review');
  });

  it('gives each agent its template tools, handoffs as sub-agents, and its settings', () => {
    const catalog = buildCatalog({ model, tools: resolver(), templates: TEMPLATES });
    const retention = catalog.get('retention_churn') as LlmAgent;
    const template = catalog.template('retention_churn') as AgentTemplate;
    // Server tools by their namespaced name; the supervisor agent by its agent_tool_name.
    expect(retention.tools.map((t) => t.name)).toEqual(
      templateTools(template).map((n) => (n === 'agent:retention_supervisor' ? 'escalate_supervisor' : `srv__${n}`)),
    );
    expect(retention.subAgents.map((a) => a.name)).toEqual(template.handoffs);
    // A handoff target is a leaf of its own: no cycles, no shared parent.
    expect(retention.subAgents[0]?.subAgents).toEqual([]);
    const bi = catalog.get('bi_manager') as LlmAgent;
    expect(bi.tools.map((t) => t.name)).toContain('agent_analyzer');
  });

  it('tolerates a missing optional tool and fails on a missing required one, naming agent and tool', () => {
    const retention = {
      ...(TEMPLATES.find((t) => t.template_id === 'retention_churn') as AgentTemplate),
      handoffs: [],
    };
    const optional = retention.optional_tools[0] as string;
    const catalog = buildCatalog({ model, tools: resolver([optional]), templates: [retention] });
    const tools = (catalog.get('retention_churn') as LlmAgent).tools.map((t) => t.name);
    expect(tools).not.toContain(`srv__${optional}`);
    // The optional supervisor agent tool is skipped too when its template is not in the catalog.
    expect(tools).not.toContain('escalate_supervisor');

    const build = () => buildCatalog({ model, tools: resolver(['create_retention_offer']), templates: [retention] });
    expect(build).toThrow(CatalogBuildError);
    expect(build).toThrow(/agent "retention_churn" requires tool "create_retention_offer"/);
  });

  it('rejects agents that use each other as tools in a cycle', () => {
    const base = TEMPLATES.find((t) => t.template_id === 'balanced') as AgentTemplate;
    const a: AgentTemplate = {
      ...base,
      template_id: 'agent_a',
      required_tools: ['agent:agent_b'],
      optional_tools: [],
      handoffs: [],
    };
    const b: AgentTemplate = {
      ...base,
      template_id: 'agent_b',
      required_tools: ['agent:agent_a'],
      optional_tools: [],
      handoffs: [],
    };
    expect(() => buildCatalog({ model, tools: resolver(), templates: [a, b] })).toThrow(
      /cycle: agent_a → agent_b → agent_a/,
    );
  });

  it('names the referring agent when a handoff target is not in the catalog', () => {
    const retention = TEMPLATES.find((t) => t.template_id === 'retention_churn') as AgentTemplate;
    expect(() => buildCatalog({ model, tools: resolver(), templates: [retention] })).toThrow(
      /agent "retention_churn" refers to unknown template "support_technical"/,
    );
  });

  it('answers an unknown agent with a NotFoundError listing the known ones', () => {
    const catalog = buildCatalog({ model, tools: resolver(), templates: TEMPLATES });
    expect(() => catalog.get('nope')).toThrow(/unknown agent "nope"; known agents: .*retention_churn/);
  });

  it('uses a template’s own model when it can be built, the default otherwise', () => {
    const other = new ScriptedModel([], { id: 'other' });
    const base = TEMPLATES.find((t) => t.template_id === 'balanced') as AgentTemplate;
    const withModel: AgentTemplate = { ...base, model: 'gemini:gemini-2.5-flash' };
    const picked = buildCatalog({ model, tools: resolver(), templates: [withModel], modelFor: () => other });
    expect((picked.get('balanced') as LlmAgent).model).toBe(other);
    const fallback = buildCatalog({ model, tools: resolver(), templates: [withModel], modelFor: () => undefined });
    expect((fallback.get('balanced') as LlmAgent).model).toBe(model);
  });
});
