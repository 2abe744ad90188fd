import { z } from 'zod';
import { VentrosError } from '../../shared/errors.js';

/** The business area an agent serves; the router answers at this level too. */
export const AgentCategorySchema = z.enum([
  'sales',
  'retention',
  'support',
  'operations',
  'marketing',
  'analytics',
  'general',
  'coordinator',
]);
export type AgentCategory = z.infer<typeof AgentCategorySchema>;

/** How far back and into what a specialist's memory search reaches (the seed's KnowledgeScope). */
export const KnowledgeScopeSchema = z.object({
  lookback_days: z.number().int().positive(),
  include_messages: z.boolean(),
  include_sessions: z.boolean(),
  include_tickets: z.boolean(),
  include_purchases: z.boolean(),
  include_offers: z.boolean(),
  include_graph: z.boolean(),
  include_agent_performance: z.boolean(),
  /** The contact's events (purchases, tickets, offers, complaints) in the memory context. */
  include_contact_events: z.boolean().optional(),
  /** Which agents served the contact (the graph's handled_by / assigned_to edges). */
  include_agent_transfers: z.boolean().optional(),
  /** The campaign the contact came from. */
  include_campaigns: z.boolean().optional(),
  /** Tracking: the lead's source and campaign channel (the seed's "UTM, campaign source"). */
  include_tracking: z.boolean().optional(),
  /** The contact's pipeline stage and lead score. */
  include_pipeline: z.boolean().optional(),
  /** Every include_* flag at once (the seed's BI manager: "needs everything"). */
  include_all: z.boolean().optional(),
  /** Only these agents' sessions and memories (the analyzer compares two agents); absent: every agent. */
  agent_ids: z.array(z.string().min(1).max(200)).max(50).optional(),
  memory_types: z.array(z.string()).optional(),
  max_results: z.number().int().positive(),
});
export type KnowledgeScope = z.infer<typeof KnowledgeScopeSchema>;
export type KnowledgeScopeInput = z.input<typeof KnowledgeScopeSchema>;

/** Weights of the hybrid memory search (vector / keyword / graph) named after the agent that uses them. */
export const RetrievalStrategySchema = z.enum([
  'retention_churn',
  'sales_prospecting',
  'support_technical',
  'balanced',
  'analytics',
]);
export type RetrievalStrategy = z.infer<typeof RetrievalStrategySchema>;

/** Prefix of a tool name that means "this other template, used as a tool" (agent-as-tool). */
export const AGENT_TOOL_PREFIX = 'agent:';

const toolNameSchema = z
  .string()
  .regex(/^(agent:)?[a-z][a-z0-9_]*$/, 'a bare tool name (search_memory) or agent:<template_id>');

/**
 * One specialist, as data. Everything the catalog needs to build the agent (instruction, model
 * settings, tools, handoffs) and everything the router needs to pick it (intent examples, keywords).
 */
export const AgentTemplateSchema = z.object({
  template_id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  description: z.string().min(1),
  category: AgentCategorySchema,
  knowledge_scope: KnowledgeScopeSchema,
  retrieval_strategy: RetrievalStrategySchema,
  /** PT-BR customer-facing tone; `{contact_name?}`-style placeholders are filled from session state. */
  instruction: z.string().min(1),
  /** A VENTROS_MODEL spec; absent → the process default. */
  model: z.string().optional(),
  temperature: z.number().min(0).max(2),
  /** Nucleus sampling; the seed sets 0.95 on every agent, so that is the default. */
  top_p: z.number().gt(0).max(1).default(0.95),
  max_tokens: z.number().int().positive(),
  /** BARE tool names of the tool servers; `agent:<template_id>` = that agent as a tool. */
  required_tools: z.array(toolNameSchema),
  optional_tools: z.array(toolNameSchema),
  /** Template ids this agent may transfer the conversation to (`transfer_to_<id>`). */
  handoffs: z.array(z.string()).default([]),
  /** PT-BR and English examples of messages this agent should receive; used by the router. */
  intent_examples: z.array(z.string().min(1)),
  /**
   * Optional routing hints: normalized words or short phrases (no accents, lower case) that are strong
   * evidence for this template. The router adds a small, bounded boost when a message contains one.
   */
  routing_keywords: z.array(z.string().min(1)).default([]),
  /** Talks to customers (PT-BR, WhatsApp tone) rather than to managers. */
  customer_facing: z.boolean(),
  /**
   * The tool name other agents call this one by (`agent:<template_id>`), when it differs from the
   * template id: the seed's `AgentTool(SupervisorAgent, name="escalate_supervisor")`.
   */
  agent_tool_name: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .optional(),
  /**
   * Tools that may run only after others answered earlier in the same run, enforced by the runtime
   * (not the prompt): `{ create_retention_offer: ['search_memory'] }` — an offer before a memory search
   * is a tool error the model reads. Bare tool names of this template's tools.
   */
  tool_prerequisites: z.record(toolNameSchema, z.array(toolNameSchema).min(1)).default({}),
});
export type AgentTemplate = z.infer<typeof AgentTemplateSchema>;
/** What template files write: fields with defaults may be left out. */
export type AgentTemplateInput = z.input<typeof AgentTemplateSchema>;

/** A template that does not match the schema, or a catalog whose templates do not fit together. */
export class InvalidTemplateError extends VentrosError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid_template', message, details ? { details } : undefined);
  }
}

/** Parses one template; a failure names the template and every bad field. */
export function parseTemplate(input: unknown): AgentTemplate {
  const result = AgentTemplateSchema.safeParse(input);
  if (result.success) return result.data;
  const id =
    typeof input === 'object' && input !== null && 'template_id' in input
      ? String((input as { template_id: unknown }).template_id)
      : '<no template_id>';
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new InvalidTemplateError(`template "${id}" is invalid: ${problems.join('; ')}`, {
    template_id: id,
    fields: result.error.issues.map((issue) => issue.path.join('.')),
  });
}

/**
 * Parses a whole catalog and checks what no single template can: unique ids, and that every
 * `agent:<id>` tool and every handoff names a template of the same catalog (and not itself).
 */
export function parseTemplates(inputs: readonly unknown[]): AgentTemplate[] {
  const templates = inputs.map(parseTemplate);
  const ids = new Set<string>();
  for (const template of templates) {
    if (ids.has(template.template_id)) {
      throw new InvalidTemplateError(`template "${template.template_id}" is defined twice`, {
        template_id: template.template_id,
      });
    }
    ids.add(template.template_id);
  }
  for (const template of templates) {
    const tools = [...template.required_tools, ...template.optional_tools];
    for (const [tool, before] of Object.entries(template.tool_prerequisites)) {
      const unknown = [tool, ...before].filter((name) => !tools.includes(name));
      if (unknown.length > 0) {
        throw new InvalidTemplateError(
          `template "${template.template_id}" has a prerequisite on tools it does not use: ${unknown.join(', ')} (field tool_prerequisites)`,
          { template_id: template.template_id, fields: ['tool_prerequisites'] },
        );
      }
    }
    for (const tool of tools) {
      if (!tool.startsWith(AGENT_TOOL_PREFIX)) continue;
      const target = tool.slice(AGENT_TOOL_PREFIX.length);
      if (!ids.has(target) || target === template.template_id) {
        throw new InvalidTemplateError(
          `template "${template.template_id}" uses unknown agent tool "${tool}" (field required_tools/optional_tools)`,
          { template_id: template.template_id, fields: ['required_tools', 'optional_tools'] },
        );
      }
    }
    for (const handoff of template.handoffs) {
      if (!ids.has(handoff) || handoff === template.template_id) {
        throw new InvalidTemplateError(
          `template "${template.template_id}" hands off to unknown template "${handoff}" (field handoffs)`,
          { template_id: template.template_id, fields: ['handoffs'] },
        );
      }
    }
  }
  assertAcyclic(templates);
  return templates;
}

/** Templates this one can reach directly: its handoffs and the agents it uses as tools. */
export function templateDependencies(template: AgentTemplate): string[] {
  const agents = [...template.required_tools, ...template.optional_tools]
    .filter((tool) => tool.startsWith(AGENT_TOOL_PREFIX))
    .map((tool) => tool.slice(AGENT_TOOL_PREFIX.length));
  return [...new Set([...template.handoffs, ...agents])];
}

// Agents are built bottom-up (a handoff target or agent tool must exist before its user), so a cycle
// would make the catalog unbuildable; reject it here with the path.
function assertAcyclic(templates: readonly AgentTemplate[]): void {
  const byId = new Map(templates.map((t) => [t.template_id, t]));
  const done = new Set<string>();
  const visit = (id: string, path: string[]): void => {
    if (done.has(id)) return;
    if (path.includes(id)) {
      throw new InvalidTemplateError(`templates form a cycle: ${[...path, id].join(' → ')} (fields handoffs/tools)`, {
        template_id: id,
        fields: ['handoffs', 'required_tools', 'optional_tools'],
      });
    }
    const template = byId.get(id);
    if (template) for (const next of templateDependencies(template)) visit(next, [...path, id]);
    done.add(id);
  };
  for (const template of templates) visit(template.template_id, []);
}

/** Every tool a template names, required first, without duplicates. */
export function templateTools(template: AgentTemplate): string[] {
  return [...new Set([...template.required_tools, ...template.optional_tools])];
}
