import { normalizeText } from '../../shared/index.js';
import type { JsonSchema } from '../model/index.js';
import type { KnowledgeScope } from './template.js';

/** Session-state key of the scope the current specialist's memory searches use (the seed's name). */
export const KNOWLEDGE_SCOPE_KEY = 'knowledge_scope';
/** Session-state key of the category of the specialist currently working (the seed's name). */
export const AGENT_CATEGORY_KEY = 'agent_category';

const words = (text: string): Set<string> =>
  new Set(
    normalizeText(text)
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );

const TODAY = ['hoje', 'today', 'hj'];
const WEEK = ['semana', 'week'];
const MONTH = ['mes', 'month'];
const WHY = ['porque', 'why', 'pq', 'motivo'];
const COMPARE = ['compare', 'comparar', 'compara', 'comparacao', 'comparativo', 'versus', 'vs'];

/**
 * The seed's DynamicKnowledgeScope: the specialist's default scope adjusted to what the question asks.
 * "hoje/today" narrows to 1 day (a week → 7, a month → 30); "porque/why" needs the broader history
 * (≥ 90 days, with message content); "compare/comparar" adds agent performance. "Why" wins over a
 * narrow period because explaining needs context.
 *
 * @example
 * adjustKnowledgeScope(scope, 'Quantos leads tive hoje?').lookback_days // → 1
 */
export function adjustKnowledgeScope(base: KnowledgeScope, message: string): KnowledgeScope {
  const asks = questionOf(message);
  const scope: KnowledgeScope = { ...base };
  if (asks.period !== undefined) scope.lookback_days = asks.period;
  if (asks.why) {
    scope.lookback_days = Math.max(scope.lookback_days, 90);
    scope.include_messages = true;
  }
  if (asks.compare) scope.include_agent_performance = true;
  return scope;
}

/** What a message asks that the scope follows: a period (days), "why", "compare". */
interface ScopeQuestion {
  period: number | undefined;
  why: boolean;
  compare: boolean;
}

/** Messages whose question is kept: one message is read by several callbacks of its run. */
const KEPT_QUESTIONS = 16;
const questions = new Map<string, ScopeQuestion>();

function questionOf(message: string): ScopeQuestion {
  let question = questions.get(message);
  if (question === undefined) {
    question = readQuestion(message);
    questions.set(message, question);
    if (questions.size > KEPT_QUESTIONS) questions.delete(questions.keys().next().value as string);
  }
  return question;
}

function readQuestion(message: string): ScopeQuestion {
  const w = words(message);
  const has = (list: readonly string[]) => list.some((word) => w.has(word));
  const normalized = normalizeText(message);
  return {
    period: has(TODAY) ? 1 : has(WEEK) ? 7 : has(MONTH) ? 30 : undefined,
    why: has(WHY) || /\bpor que\b/.test(normalized),
    compare: has(COMPARE),
  };
}

/**
 * Swaps the scope in session state for the duration of a delegation and puts the old one back after.
 * Concurrent delegations on one session share one frame: the first to enter saves the original, the
 * last to leave restores it, so parallel specialists never leave each other's scope behind.
 */
export class ScopeFrames {
  readonly #frames = new WeakMap<object, { depth: number; scope: unknown; category: unknown }>();

  /** Sets `scope` (and the category) in `state`, remembering what was there. */
  enter(state: Record<string, unknown>, scope: KnowledgeScope, category: string): void {
    const frame = this.#frames.get(state);
    if (frame) frame.depth++;
    else this.#frames.set(state, { depth: 1, scope: state[KNOWLEDGE_SCOPE_KEY], category: state[AGENT_CATEGORY_KEY] });
    state[KNOWLEDGE_SCOPE_KEY] = scope;
    state[AGENT_CATEGORY_KEY] = category;
  }

  /** Restores what `enter` replaced once the last concurrent delegation leaves. */
  exit(state: Record<string, unknown>): void {
    const frame = this.#frames.get(state);
    if (!frame) return;
    frame.depth--;
    if (frame.depth > 0) return;
    this.#frames.delete(state);
    restore(state, KNOWLEDGE_SCOPE_KEY, frame.scope);
    restore(state, AGENT_CATEGORY_KEY, frame.category);
  }
}

function restore(state: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete state[key];
  else state[key] = value;
}

/** The scope in session state, when it looks like one. */
export function scopeFromState(state: Readonly<Record<string, unknown>>): KnowledgeScope | undefined {
  const value = state[KNOWLEDGE_SCOPE_KEY];
  if (typeof value !== 'object' || value === null) return undefined;
  const lookback = (value as { lookback_days?: unknown }).lookback_days;
  return typeof lookback === 'number' ? (value as KnowledgeScope) : undefined;
}

function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  const properties = schema?.['properties'];
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, JsonSchema>) : {};
}

/**
 * The arguments of a `search_memory` call with the scope filled in where the model left it out. Only
 * properties the tool's schema declares are added (the memory server validates strictly), and nothing
 * the model wrote is overwritten: an explicit `limit` or `scope.lookback_days` wins.
 */
export function withScopeArgs(
  args: Record<string, unknown>,
  scope: KnowledgeScope,
  inputSchema: JsonSchema,
  strategy?: string,
): Record<string, unknown> {
  const facts = schemaFactsOf(inputSchema);
  const filled: Record<string, unknown> = { ...args };
  if (facts.limit && filled['limit'] === undefined) filled['limit'] = scope.max_results;
  if (facts.memoryTypes && filled['memory_types'] === undefined && scope.memory_types?.length) {
    filled['memory_types'] = scope.memory_types;
  }
  if (strategy && facts.strategy && filled['strategy'] === undefined) {
    if (!facts.strategyValues || facts.strategyValues.includes(strategy)) filled['strategy'] = strategy;
  }
  if (facts.scopeKeys) {
    const given = typeof filled['scope'] === 'object' && filled['scope'] !== null ? filled['scope'] : {};
    const fromScope: Record<string, unknown> = {
      lookback_days: scope.lookback_days,
      include_messages: scope.include_messages,
      include_sessions: scope.include_sessions,
      include_tickets: scope.include_tickets,
      include_purchases: scope.include_purchases,
      include_offers: scope.include_offers,
      include_graph: scope.include_graph,
      include_agent_performance: scope.include_agent_performance,
      include_contact_events: scope.include_contact_events,
      include_agent_transfers: scope.include_agent_transfers,
      include_campaigns: scope.include_campaigns,
      include_tracking: scope.include_tracking,
      include_pipeline: scope.include_pipeline,
      include_all: scope.include_all,
      agent_ids: scope.agent_ids,
      memory_types: scope.memory_types,
      limit: scope.max_results,
    };
    const merged: Record<string, unknown> = {};
    for (const key of facts.scopeKeys) {
      const value = fromScope[key];
      if (value !== undefined) merged[key] = value;
    }
    filled['scope'] = { ...merged, ...given };
  }
  return filled;
}

/** The scope fields `withScopeArgs` fills, in the order it writes them. */
const SCOPE_FIELDS = [
  'lookback_days',
  'include_messages',
  'include_sessions',
  'include_tickets',
  'include_purchases',
  'include_offers',
  'include_graph',
  'include_agent_performance',
  'include_contact_events',
  'include_agent_transfers',
  'include_campaigns',
  'include_tracking',
  'include_pipeline',
  'include_all',
  'agent_ids',
  'memory_types',
  'limit',
] as const;

/** What `withScopeArgs` reads of a tool's input schema. */
interface SchemaFacts {
  limit: boolean;
  memoryTypes: boolean;
  strategy: boolean;
  /** The `strategy` enum, when it has one. */
  strategyValues: readonly unknown[] | undefined;
  /** The scope fields the `scope` property takes (all of them when it declares none); undefined: no `scope`. */
  scopeKeys: readonly string[] | undefined;
}

/** Per input schema (a tool's lives as long as the tool): every search_memory call reads the same facts. */
const schemaFacts = new WeakMap<JsonSchema, SchemaFacts>();

function schemaFactsOf(inputSchema: JsonSchema): SchemaFacts {
  let facts = schemaFacts.get(inputSchema);
  if (facts === undefined) {
    facts = readSchemaFacts(inputSchema);
    schemaFacts.set(inputSchema, facts);
  }
  return facts;
}

function readSchemaFacts(inputSchema: JsonSchema): SchemaFacts {
  const properties = propertiesOf(inputSchema);
  const allowed = properties['strategy']?.['enum'];
  let scopeKeys: readonly string[] | undefined;
  if ('scope' in properties) {
    const declared = propertiesOf(properties['scope']);
    // An untyped `scope` object takes every field; a declared one only what it lists.
    const untyped = Object.keys(declared).length === 0;
    scopeKeys = SCOPE_FIELDS.filter((key) => untyped || key in declared);
  }
  return {
    limit: 'limit' in properties,
    memoryTypes: 'memory_types' in properties,
    strategy: 'strategy' in properties,
    strategyValues: Array.isArray(allowed) ? allowed : undefined,
    scopeKeys,
  };
}

/** Whether a tool (bare or host-namespaced `<server>__<tool>`) is the memory search. */
export function isSearchMemoryTool(name: string): boolean {
  return name === 'search_memory' || name.endsWith('__search_memory');
}
