import { describe, expect, it } from 'vitest';
import { type AgentTemplate, HOST_AGENT_TOOLS, TEMPLATES, templateTools } from '../../../src/agents/catalog/index.js';
import {
  AGENT_TOOL_PREFIX,
  InvalidTemplateError,
  parseTemplate,
  parseTemplates,
} from '../../../src/agents/catalog/template.js';
import { getTemplate, TEMPLATE_IDS } from '../../../src/agents/catalog/templates.js';
import { NotFoundError, normalizeText } from '../../../src/shared/index.js';
import { serverToolSpecs } from './server-tool-specs.js';

/** Every tool the six tool servers register (memory, bi, sales, retention, support, format). */
const KNOWN_TOOLS = [
  'search_memory',
  'get_contact_context',
  'store_memory',
  'get_related_entities',
  'add_session',
  'get_leads_count',
  'get_agent_conversion_stats',
  'get_top_performing_agent',
  'analyze_agent_messages',
  'compare_agents',
  'qualify_lead',
  'calculate_lead_score',
  'update_pipeline_stage',
  'assign_to_agent',
  'create_follow_up_task',
  'create_retention_offer',
  'get_past_offers',
  'check_customer_value',
  'escalate_to_supervisor',
  'create_ticket',
  'escalate_to_engineering',
  'check_system_status',
  'get_error_logs',
  'escalate_to_human',
  'get_campaign_info',
  'check_similar_leads',
  'search_similar_churn_cases',
  'format_table',
  'format_chart_config',
  'aggregate_scores',
  'generate_recommendations',
] as const;

/** Tools that read or write only the trusted contact's data in a customer run. */
const CONTACT_BOUND_TOOLS = new Set([
  'search_memory',
  'get_contact_context',
  'check_customer_value',
  'get_past_offers',
  'escalate_to_supervisor',
]);

const EXPECTED_IDS = [
  'sales_prospecting',
  'sales_negotiation',
  'sales_closing',
  'sdr',
  'retention_churn',
  'retention_upsell',
  'retention_winback',
  'support_technical',
  'support_billing',
  'support_onboarding',
  'operations_followup',
  'operations_schedule',
  'operations_qa',
  'marketing_campaign',
  'marketing_content',
  'marketing_event',
  'bi_manager',
  'agent_analyzer',
  'balanced',
  'retention_supervisor',
  'coordinator',
];

/** Agents used only as tools of another agent: never routed to, not the coordinator's specialists. */
const TOOL_AGENTS = ['retention_supervisor'];

const ENGLISH = /\b(the|i|my|you|your|how|what|is|can|do|does|want|need|please|to)\b/;
// The runtime's placeholder syntax (src/agents/runtime/instruction-template.ts).
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z_][A-Za-z0-9_]*)?)(\?)?\}/g;

function valid(overrides: Partial<AgentTemplate> = {}): Record<string, unknown> {
  return { ...getTemplate('balanced'), template_id: 'custom_agent', ...overrides };
}

describe('agent templates', () => {
  it('has the 19 specialists of the seed, the retention supervisor and the coordinator, each valid', () => {
    expect([...TEMPLATE_IDS].sort()).toEqual([...EXPECTED_IDS].sort());
    for (const template of TEMPLATES) expect(parseTemplate(template)).toEqual(template);
    expect(Object.isFrozen(TEMPLATES)).toBe(true);
  });

  it('names only tools the servers register, or other templates as agent tools', () => {
    const known = new Set<string>([...KNOWN_TOOLS, ...HOST_AGENT_TOOLS]);
    for (const template of TEMPLATES) {
      for (const tool of templateTools(template)) {
        if (tool.startsWith(AGENT_TOOL_PREFIX)) expect(TEMPLATE_IDS).toContain(tool.slice(AGENT_TOOL_PREFIX.length));
        else expect(known.has(tool), `${template.template_id} names unknown tool ${tool}`).toBe(true);
      }
      for (const handoff of template.handoffs) expect(TEMPLATE_IDS).toContain(handoff);
    }
  });

  it('keeps the known tool list equal to what the servers actually register', () => {
    expect([...serverToolSpecs().keys()].sort()).toEqual([...KNOWN_TOOLS].sort());
  });

  it('gives every routable template at least 8 intent examples in PT-BR and English', () => {
    for (const template of TEMPLATES.filter(
      (t) => t.category !== 'coordinator' && !TOOL_AGENTS.includes(t.template_id),
    )) {
      const examples = template.intent_examples;
      expect(examples.length, template.template_id).toBeGreaterThanOrEqual(8);
      expect(
        examples.some((e) => ENGLISH.test(normalizeText(e))),
        `${template.template_id} has English`,
      ).toBe(true);
      expect(examples.filter((e) => !ENGLISH.test(normalizeText(e))).length).toBeGreaterThanOrEqual(5);
      expect(new Set(examples.map(normalizeText)).size, `${template.template_id} has duplicates`).toBe(examples.length);
    }
  });

  it('uses only optional, known placeholders in instructions', () => {
    for (const template of TEMPLATES) {
      for (const match of template.instruction.matchAll(PLACEHOLDER)) {
        expect(match[2], `${template.template_id}: {${match[1]}} must be optional`).toBe('?');
        expect(['contact_name', 'knowledge_scope', 'language_instruction', 'temp:sentiment_score']).toContain(match[1]);
      }
      expect(template.instruction).toMatch(/# OBJETIVO/);
      expect(template.instruction).toMatch(/# PROTOCOLO/);
      expect(template.instruction).toMatch(/# RESTRIÇÕES/);
    }
  });

  it('writes the retention protocol: memory first, offers up to 30 %, supervisor at severity 8 or CLV above R$ 50.000, 3 attempts', () => {
    const t = getTemplate('retention_churn');
    expect(t.required_tools).toEqual(
      expect.arrayContaining([
        'search_memory',
        'check_customer_value',
        'create_retention_offer',
        'escalate_to_supervisor',
      ]),
    );
    expect(t.instruction).toMatch(/SEMPRE comece chamando search_memory/);
    expect(t.instruction).toMatch(/no máximo 30%/);
    expect(t.instruction).toMatch(/Severidade ≥ 8 OU CLV > R\$ 50\.000/);
    expect(t.instruction).toMatch(/escalate_to_supervisor/);
    expect(t.instruction).toMatch(/No máximo 3 tentativas/);
  });

  it('writes the SDR protocol: score with calculate_lead_score and assign only at 60 or more', () => {
    const t = getTemplate('sdr');
    expect(t.required_tools).toEqual(expect.arrayContaining(['calculate_lead_score', 'assign_to_agent']));
    expect(t.instruction).toMatch(/NUNCA chame assign_to_agent com score < 60/);
  });

  it('makes the BI manager answer JSON from tool results and delegate "why" to the analyzer', () => {
    const t = getTemplate('bi_manager');
    expect(t.required_tools).toContain('agent:agent_analyzer');
    expect(t.instruction).toMatch(/NUNCA invente números/);
    expect(t.instruction).toMatch(/"answer"/);
    expect(t.instruction).toMatch(/"format_guide"/);
    expect(t.instruction).toMatch(/porque/);
    expect(t.customer_facing).toBe(false);
  });

  it('makes the coordinator always delegate, with every specialist as an agent tool', () => {
    const t = getTemplate('coordinator');
    expect(t.instruction).toMatch(/SEMPRE delegue/);
    const specialists = TEMPLATE_IDS.filter((id) => id !== 'coordinator' && !TOOL_AGENTS.includes(id));
    expect([...t.required_tools].sort()).toEqual(specialists.map((id) => `agent:${id}`).sort());
    expect(t.intent_examples).toEqual([]);
  });

  it('gives retention the supervisor as the agent tool escalate_supervisor, reachable only through retention', () => {
    const supervisor = getTemplate('retention_supervisor');
    expect(supervisor).toMatchObject({ agent_tool_name: 'escalate_supervisor', intent_examples: [] });
    // It runs inside a customer's retention run, so it is customer-facing, with contact-bound tools only.
    expect(supervisor.customer_facing).toBe(true);
    expect(templateTools(supervisor).every((t) => CONTACT_BOUND_TOOLS.has(t))).toBe(true);
    expect(supervisor.instruction).toMatch(/NUNCA crie oferta/);
    expect(getTemplate('retention_churn').optional_tools).toEqual(
      expect.arrayContaining(['agent:retention_supervisor', 'search_similar_churn_cases']),
    );
    expect(getTemplate('retention_churn').instruction).toMatch(/escalate_supervisor/);
    expect(getTemplate('coordinator').required_tools).not.toContain('agent:retention_supervisor');
  });

  it("wires the seed's optional tools: campaign and similar leads, error logs, handoff to a human", () => {
    expect(getTemplate('sales_prospecting').optional_tools).toEqual(
      expect.arrayContaining(['get_campaign_info', 'check_similar_leads']),
    );
    expect(getTemplate('sales_prospecting').instruction).toMatch(/get_campaign_info/);
    expect(getTemplate('support_technical').optional_tools).toContain('get_error_logs');
    expect(getTemplate('support_technical').instruction).toMatch(/get_error_logs/);
    expect(getTemplate('balanced').optional_tools).toContain('escalate_to_human');
    expect(getTemplate('balanced').instruction).toMatch(/escalate_to_human/);
  });

  it('lets technical support hand billing over to billing support', () => {
    expect(getTemplate('support_technical').handoffs).toContain('support_billing');
  });

  it('rejects a bad template naming the template and the field', () => {
    const attempt = () => parseTemplate(valid({ temperature: 5 }));
    expect(attempt).toThrow(InvalidTemplateError);
    expect(attempt).toThrow(/template "custom_agent".*temperature/);
    expect(() => parseTemplate({ ...valid(), category: 'astrology' })).toThrow(/custom_agent.*category/);
    expect(() => parseTemplate({ name: 'x' })).toThrow(/<no template_id>/);
  });

  it('rejects unknown agent tools, unknown handoffs, duplicates and cycles', () => {
    const base = getTemplate('balanced');
    expect(() => parseTemplates([base, valid({ required_tools: ['agent:nobody'] })])).toThrow(
      /unknown agent tool "agent:nobody"/,
    );
    expect(() => parseTemplates([base, valid({ handoffs: ['nobody'] })])).toThrow(
      /hands off to unknown template "nobody"/,
    );
    expect(() => parseTemplates([base, base])).toThrow(/defined twice/);
    const a = valid({ template_id: 'agent_a', handoffs: ['agent_b'] });
    const b = valid({ template_id: 'agent_b', optional_tools: ['agent:agent_a'] });
    expect(() => parseTemplates([a, b])).toThrow(/cycle: agent_a → agent_b → agent_a/);
  });

  it('answers an unknown template id with NotFoundError listing the known ones', () => {
    expect(() => getTemplate('astrologer')).toThrow(NotFoundError);
    expect(() => getTemplate('astrologer')).toThrow(/retention_churn/);
  });
});
