import { errorMessage, logger, NotFoundError, VentrosError } from '../../shared/index.js';
import type { Model } from '../model/index.js';
import { type AgentCallbacks, type BaseAgent, LlmAgent, toolPrerequisites } from '../runtime/index.js';
import type { Tool } from '../tool.js';
import { defaultCoordinator } from './coordinator/index.js';
import { KnowledgeScopeCallbacks } from './knowledge-scope-callbacks.js';
import { type MemoryContextTools, memoryContextCallbacks } from './memory-context/index.js';
import { mergeCallbacks } from './merge-callbacks.js';
import { buildPatterns, type PatternAgents, type PatternFactory } from './patterns/index.js';
import { proseLanguageDefault } from './prose-language-callbacks.js';
import {
  ROUTED_AGENT_ID,
  RoutedAgent,
  type RouteFn,
  recordRoute,
  routeForRun,
  type TemplateFacts,
} from './routed-agent.js';
import { ROUTE_HINT_KEY } from './session-keys.js';
import { AGENT_TOOL_PREFIX, type AgentTemplate, parseTemplate } from './template.js';

/**
 * The catalog cannot be built as configured: a required tool is missing from the host, an agent tool
 * names an unknown template, or agents refer to each other in a cycle. Raised at start-up, never during
 * a run, so a misconfigured deployment fails before it takes traffic.
 */
export class CatalogBuildError extends VentrosError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('catalog_build_failed', message, details ? { details } : undefined);
  }
}

/** Resolves bare tool names (`search_memory`) to tools — the host's `tools(selection)`. */
export type ResolveTools = (names: string[]) => Tool[];

export interface BuildCatalogOptions {
  /** The process default model (VENTROS_MODEL). */
  model: Model;
  /** The tools of the tool servers, by bare name. */
  tools: ResolveTools;
  /** The templates (usually TEMPLATES). */
  templates: readonly AgentTemplate[];
  /** A template's own `model` spec → a Model; absent (or undefined) → the default model. */
  modelFor?: (spec: string) => Model | undefined;
  /**
   * The semantic router: makes the routed agent `auto` and gives the coordinator the router's pick as a
   * hint in state (ROUTE_HINT_KEY), which the offline model's routing policies follow (see patterns/).
   */
  route?: RouteFn;
  toolTimeoutMs?: number;
  maxIterations?: number;
  /**
   * The seed's memory sections (RECENT MESSAGES, SIMILAR PAST SESSIONS, CONTACT CONTEXT, MEMORY FACTS)
   * appended to each template agent's system instruction, read through the `get_contact_context` and
   * `search_memory` tools; `maxChars` bounds them (0: off). Absent: off.
   */
  memoryContext?: { maxChars?: number };
}

/** What a fresh template agent may differ in (patterns build their own instances). */
export interface TemplateAgentOverrides {
  name?: string;
  description?: string;
  instruction?: string;
  /** Extra tools on top of the template's (e.g. a critique tool). */
  extraTools?: Tool[];
  /** Handoff targets; default: the template's `handoffs` as leaf instances. */
  subAgents?: BaseAgent[];
  outputKey?: string;
  callbacks?: AgentCallbacks;
  /**
   * Template fields that replace the template's for this instance (an agent the CRM defined on it:
   * knowledge scope, retrieval strategy, sampling, tools). Validated as a template.
   */
  template?: Partial<AgentTemplate>;
}

/** Every agent of the catalog, built once. */
export interface AgentCatalog {
  readonly templates: readonly AgentTemplate[];
  /** The root that routes to specialists through agent tools. */
  readonly coordinator: BaseAgent;
  /** `auto`: the router's pick, or the coordinator when unsure (absent without a router). */
  readonly routed: BaseAgent | undefined;
  /** The agents of the workflow patterns (onboarding, lead enrichment, QA, reflection, handoff, hierarchy). */
  readonly patterns: PatternAgents;
  /** A template agent, a pattern agent, or `auto` by id; NotFoundError listing the known ids. */
  get(id: string): BaseAgent;
  has(id: string): boolean;
  /** The template of a catalog agent (undefined for pattern agents). */
  template(id: string): AgentTemplate | undefined;
  /** Template ids, then pattern agent ids. */
  ids(): string[];
  /** A new, unparented instance of a template's agent (for patterns and tests). */
  createAgent(templateId: string, overrides?: TemplateAgentOverrides): LlmAgent;
}

/**
 * Builds every agent of the catalog from the templates: tools resolved through the host (missing
 * optional tools tolerated and logged, missing required ones → CatalogBuildError naming agent and tool),
 * `agent:<id>` tools as agent tools with the knowledge-scope swap, handoffs as `transfer_to_<id>`
 * sub-agents, per-template model, temperature and max tokens; then the coordinator and
 * the workflow patterns.
 */
export function buildCatalog(options: BuildCatalogOptions): AgentCatalog {
  const byId = new Map(options.templates.map((t) => [t.template_id, t]));
  const scopes = new KnowledgeScopeCallbacks();
  const built = new Map<string, LlmAgent>();
  const building: string[] = [];
  const log = logger.child({ component: 'catalog' });
  const memoryTools = options.memoryContext
    ? {
        getContactContext: lenientTools(options.tools, 'get_contact_context')[0],
        searchMemory: lenientTools(options.tools, 'search_memory')[0],
      }
    : undefined;

  const templateOf = (id: string, from: string): AgentTemplate => {
    const template = byId.get(id);
    if (!template) {
      throw new CatalogBuildError(`agent "${from}" refers to unknown template "${id}"`, { agent: from, template: id });
    }
    return template;
  };

  const modelOf = (template: AgentTemplate): Model =>
    (template.model ? options.modelFor?.(template.model) : undefined) ?? options.model;

  const resolveTool = (template: AgentTemplate, name: string, required: boolean): Tool[] => {
    if (name.startsWith(AGENT_TOOL_PREFIX)) {
      const targetId = name.slice(AGENT_TOOL_PREFIX.length);
      // An optional agent tool whose template this catalog leaves out is skipped, like a missing tool.
      if (!required && !byId.has(targetId)) {
        log.warn(
          { agent: template.template_id, tool: name },
          'optional agent tool not in the catalog; agent built without it',
        );
        return [];
      }
      const target = templateOf(targetId, template.template_id);
      return [scopes.delegationTool(agentFor(target.template_id), target)];
    }
    let found: Tool[] = [];
    let reason = 'no server offers it';
    try {
      found = options.tools([name]);
    } catch (error) {
      reason = errorMessage(error);
    }
    if (found.length > 0) return found;
    if (required) {
      throw new CatalogBuildError(
        `agent "${template.template_id}" requires tool "${name}", which is not available (${reason})`,
        { agent: template.template_id, tool: name },
      );
    }
    log.warn(
      { agent: template.template_id, tool: name, reason },
      'optional tool not available; agent built without it',
    );
    return [];
  };

  const toolsOf = (template: AgentTemplate): Tool[] => {
    const tools = new Map<string, Tool>();
    for (const name of template.required_tools) for (const t of resolveTool(template, name, true)) tools.set(t.name, t);
    for (const name of template.optional_tools) {
      if (template.required_tools.includes(name)) continue;
      for (const t of resolveTool(template, name, false)) tools.set(t.name, t);
    }
    return [...tools.values()];
  };

  function createAgent(templateId: string, overrides: TemplateAgentOverrides = {}): LlmAgent {
    const base = templateOf(templateId, overrides.name ?? templateId);
    const template = overrides.template ? parseTemplate({ ...base, ...overrides.template }) : base;
    if (building.includes(templateId)) {
      throw new CatalogBuildError(`agents refer to each other in a cycle: ${[...building, templateId].join(' → ')}`, {
        cycle: [...building, templateId],
      });
    }
    building.push(templateId);
    try {
      const subAgents =
        overrides.subAgents ??
        template.handoffs.map((target) =>
          // A leaf instance: no cycles between agents that hand off to each other, no shared parent.
          createAgent(templateOf(target, template.template_id).template_id, { subAgents: [] }),
        );
      return new LlmAgent({
        name: overrides.name ?? template.template_id,
        description: overrides.description ?? template.description,
        instruction: overrides.instruction ?? template.instruction,
        model: modelOf(template),
        customerFacing: template.customer_facing,
        tools: uniqueByName([...toolsOf(template), ...(overrides.extraTools ?? [])]),
        subAgents,
        temperature: template.temperature,
        topP: template.top_p,
        maxTokens: template.max_tokens,
        ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
        ...(options.toolTimeoutMs !== undefined ? { toolTimeoutMs: options.toolTimeoutMs } : {}),
        ...(overrides.outputKey ? { outputKey: overrides.outputKey } : {}),
        callbacks: mergeCallbacks(
          mergeCallbacks(
            // The template's tool order (memory before an offer) is the host's rule, not the prompt's.
            // The language default first: the others see its arguments, and a call they block stays blocked.
            mergeCallbacks(
              proseLanguageDefault(),
              mergeCallbacks(scopes.forAgent(template), toolPrerequisites(template.tool_prerequisites)),
            ),
            templateId === 'coordinator' ? routeHint(options, templateFacts) : undefined,
          ),
          mergeCallbacks(
            memoryTools && templateId !== 'coordinator'
              ? memoryContextCallbacks(template, {
                  tools: omitUndefined(memoryTools),
                  ...(options.memoryContext?.maxChars === undefined
                    ? {}
                    : { maxChars: options.memoryContext.maxChars }),
                })
              : {},
            overrides.callbacks,
          ),
        ),
      });
    } finally {
      building.pop();
    }
  }

  function agentFor(templateId: string): LlmAgent {
    let agent = built.get(templateId);
    if (!agent) {
      agent = createAgent(templateId);
      built.set(templateId, agent);
    }
    return agent;
  }

  const templateFacts: TemplateFacts = (id) => byId.get(id);
  for (const template of options.templates) agentFor(template.template_id);

  const coordinator = built.get('coordinator') ?? defaultCoordinator(options, scopes, agentFor);
  const factory: PatternFactory = {
    model: options.model,
    createAgent,
    template: (id) => templateOf(id, 'workflow'),
    tools: (names) => names.flatMap((name) => lenientTools(options.tools, name)),
    ...(options.route ? { route: options.route } : {}),
  };
  const patterns = buildPatterns(factory, options.templates);
  const patternById = new Map<string, BaseAgent>(
    Object.values(patterns)
      .filter((w): w is BaseAgent => w !== undefined)
      .map((w) => [w.name, w]),
  );

  const routed = options.route
    ? new RoutedAgent({
        route: options.route,
        template: templateFacts,
        specialist: (id) => (id === 'coordinator' ? undefined : built.get(id)),
        coordinator,
        candidates: [coordinator, ...[...built.values()].filter((agent) => agent !== coordinator)],
      })
    : undefined;

  const all = (): string[] => [...built.keys(), ...patternById.keys()];
  const known = (): string => [...(routed ? [ROUTED_AGENT_ID] : []), ...all()].join(', ');
  return {
    templates: options.templates,
    coordinator,
    routed,
    patterns,
    get(id) {
      const agent =
        id === 'coordinator' ? coordinator : id === ROUTED_AGENT_ID ? routed : (built.get(id) ?? patternById.get(id));
      if (!agent) throw new NotFoundError(`unknown agent "${id}"; known agents: ${known()}`, { agent: id });
      return agent;
    },
    has: (id) =>
      id === 'coordinator' || (id === ROUTED_AGENT_ID && routed !== undefined) || built.has(id) || patternById.has(id),
    template: (id) => byId.get(id),
    ids: all,
    createAgent,
  };
}

/**
 * The coordinator run by name still records the router's pick: its offline policy follows it, and the
 * execution result reports it (a routed run has recorded it already).
 */
function routeHint(options: BuildCatalogOptions, template: TemplateFacts): AgentCallbacks | undefined {
  const route = options.route;
  if (!route) return undefined;
  return {
    beforeAgent: async (ctx) => {
      if (typeof ctx.session.state[ROUTE_HINT_KEY] === 'string') return;
      recordRoute(ctx.session.state, await routeForRun(route, ctx, template));
    },
  };
}

/** One tool per name (a pattern's extra tool may already be one of the template's). */
function uniqueByName(tools: readonly Tool[]): Tool[] {
  return [...new Map(tools.map((tool) => [tool.name, tool])).values()];
}

/** Tools for the pattern agents' helpers: what the host has, nothing when it does not. */
function omitUndefined(tools: {
  getContactContext: Tool | undefined;
  searchMemory: Tool | undefined;
}): MemoryContextTools {
  return {
    ...(tools.getContactContext ? { getContactContext: tools.getContactContext } : {}),
    ...(tools.searchMemory ? { searchMemory: tools.searchMemory } : {}),
  };
}

function lenientTools(resolve: ResolveTools, name: string): Tool[] {
  try {
    return resolve([name]);
  } catch {
    return [];
  }
}
