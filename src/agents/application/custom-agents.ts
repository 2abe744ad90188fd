import { logger, NotFoundError, VentrosError } from '../../shared/index.js';
import type { AgentCatalog, AgentTemplate } from '../catalog/index.js';
import type { BaseAgent } from '../runtime/index.js';

/** An agent the CRM defined on one of our templates (the seed's CreateAgentFromTemplate). */
export interface AgentDefinition {
  agentId: string;
  name: string;
  templateId: string;
  /** Appended to the template's instruction. */
  customInstructions: string;
  temperature?: number;
  maxTokens?: number;
  /** KnowledgeScope fields that replace the template's. */
  knowledgeScope: Record<string, unknown>;
  memoryStrategy?: string;
  /** Bare CRM tool names it may use; empty: the template's. */
  skills: string[];
  active: boolean;
  /** Changes whenever the record changes: built agents are reused until it does. */
  version: string;
}

/** Where agent definitions come from (the Go CRM's agent registry over gRPC). */
export interface AgentDefinitions {
  find(tenantId: string, agentId: string, signal?: AbortSignal): Promise<AgentDefinition | undefined>;
}

/** A defined agent cannot run as it is (inactive, or no registry configured). */
export class AgentUnavailableError extends VentrosError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('failed_precondition', message, details ? { details } : undefined);
  }
}

/** How long a fetched definition is trusted before asking the registry again. */
const DEFINITION_TTL_MS = 60_000;
/** Bound on the definitions and built agents kept (least recently used go first). */
const MAX_CACHED = 500;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return value;
}

/**
 * Runs agents defined in the CRM: fetches the definition (cached for a minute), and builds the agent on
 * its template — the template's instruction plus the CRM's custom instructions, its knowledge scope and
 * retrieval strategy overridden, its tools narrowed to the definition's skills (delegation and handoffs
 * stay) — once per definition version. Authorization stays the template's (`customer_facing`).
 */
export class CustomAgents {
  private readonly definitions = new Map<string, { definition: AgentDefinition | undefined; until: number }>();
  private readonly built = new Map<string, BaseAgent>();

  constructor(
    private readonly catalog: AgentCatalog,
    private readonly source: AgentDefinitions | undefined,
  ) {}

  async agentFor(tenantId: string, agentId: string, signal?: AbortSignal): Promise<BaseAgent> {
    if (!this.source) {
      throw new AgentUnavailableError(
        'agent_id names an agent defined in the CRM, and no agent registry is configured (set AGENT_REGISTRY_GRPC_HOST)',
        { agent_id: agentId },
      );
    }
    const key = `${tenantId}\u0000${agentId}`;
    let cached = this.definitions.get(key);
    if (!cached || cached.until < Date.now()) {
      const definition = await this.source.find(tenantId, agentId, signal);
      cached = remember(this.definitions, key, { definition, until: Date.now() + DEFINITION_TTL_MS });
    }
    const definition = cached.definition;
    if (!definition) throw new NotFoundError(`the CRM has no agent "${agentId}" in this tenant`, { agent_id: agentId });
    if (!definition.active) {
      throw new AgentUnavailableError(`agent "${agentId}" (${definition.name}) is inactive in the CRM`, {
        agent_id: agentId,
      });
    }
    const builtKey = `${key}\u0000${definition.version}`;
    const existing = this.built.get(builtKey);
    if (existing) return existing;
    return remember(this.built, builtKey, this.build(definition));
  }

  private build(definition: AgentDefinition): BaseAgent {
    const base = this.catalog.template(definition.templateId);
    if (!base) {
      throw new NotFoundError(
        `agent "${definition.agentId}" is built on template "${definition.templateId}", which this host does not have`,
        { agent_id: definition.agentId, template_id: definition.templateId },
      );
    }
    const custom = definition.customInstructions.trim();
    const instruction = custom
      ? `${base.instruction}\n\n## Instruções da empresa para ${definition.name}\n${custom}`
      : base.instruction;
    logger.debug({ agent_id: definition.agentId, template: base.template_id }, 'building a CRM-defined agent');
    return this.catalog.createAgent(base.template_id, { instruction, template: templateFields(base, definition) });
  }
}

/** The template fields a definition replaces. */
function templateFields(base: AgentTemplate, definition: AgentDefinition): Partial<AgentTemplate> {
  const skills = definition.skills.length > 0 ? new Set(definition.skills) : undefined;
  const keep = (names: readonly string[]) => names.filter((n) => !skills || n.startsWith('agent:') || skills.has(n));
  const known = new Set([...base.required_tools, ...base.optional_tools]);
  const fields: Partial<AgentTemplate> = {
    knowledge_scope: { ...base.knowledge_scope, ...definition.knowledgeScope } as AgentTemplate['knowledge_scope'],
    required_tools: keep(base.required_tools),
    // Skills the template lacks are offered too, when a server has them (missing ones are skipped).
    optional_tools: [...keep(base.optional_tools), ...definition.skills.filter((s) => !known.has(s))],
  };
  if (definition.temperature !== undefined) fields.temperature = definition.temperature;
  if (definition.maxTokens !== undefined) fields.max_tokens = definition.maxTokens;
  if (definition.memoryStrategy)
    fields.retrieval_strategy = definition.memoryStrategy as AgentTemplate['retrieval_strategy'];
  return fields;
}
