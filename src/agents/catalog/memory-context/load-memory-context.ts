import { DeadlineExceededError, errorMessage, logger } from '../../../shared/index.js';
import type { Tool, ToolContext, ToolResult } from '../../tool.js';
import type { KnowledgeScope } from '../template.js';
import { type ContactContextRow, parseContactContextRow, parseSearchRow } from './memory-rows.js';
import type { MemoryContextData } from './memory-sections.js';

/** How long each memory call may take before the run goes on without it (the seed's hybrid deadline). */
export const MEMORY_CALL_TIMEOUT_MS = 1_500;

/** Recent messages shown at most (the seed: "last 20 messages"). */
const RECENT_MESSAGES = 20;
const SIMILAR_SESSIONS = 5;
const FACTS = 10;
const EVENTS = 5;
/** Memory types that are facts about the customer (MEMORY FACTS) rather than events. */
const FACT_TYPES = new Set(['fact', 'preference', 'note', 'agent_insight', 'complaint']);
/** Memory types that are the contact's events (include_contact_events). */
const EVENT_TYPES = new Set(['purchase', 'support_ticket', 'offer', 'complaint', 'contact_event', 'event']);

/** The memory tools the context is read with (the host's, local or the Go memory service's). */
export interface MemoryContextTools {
  getContactContext?: Tool;
  searchMemory?: Tool;
}

/** The scope's flags with `include_all` applied. */
export function effectiveFlags(scope: KnowledgeScope) {
  const all = scope.include_all === true;
  return {
    messages: all || scope.include_messages,
    sessions: all || scope.include_sessions,
    events: all || scope.include_contact_events === true,
    transfers: all || scope.include_agent_transfers === true,
    campaigns: all || scope.include_campaigns === true,
    tracking: all || scope.include_tracking === true,
    pipeline: all || scope.include_pipeline === true,
  };
}

/**
 * Reads what the memory sections show for the run's trusted contact, through the memory tools: the
 * contact context (messages, stats, recent memories, graph) and a search of past session summaries.
 * The scope decides what is read and kept. Anything that names another contact is dropped (the tools
 * are already bound to the trusted contact; this is the second lock). A failing or slow call leaves its
 * part out with a warning: memory never fails a run.
 */
export async function loadMemoryContext(
  tools: MemoryContextTools,
  scope: KnowledgeScope,
  query: string,
  context: Omit<ToolContext, 'signal'> & { signal: AbortSignal },
): Promise<MemoryContextData> {
  const contactId = context.contactId;
  const data: MemoryContextData = { recentMessages: [], similarSessions: [], facts: [] };
  if (!contactId) return data;
  const flags = effectiveFlags(scope);
  const agentIds = scope.agent_ids?.length ? scope.agent_ids : undefined;
  const since = Date.now() - scope.lookback_days * 86_400_000;

  const needGraph = flags.transfers || flags.campaigns || flags.tracking;
  const deadline = new MemoryDeadline(context.signal);
  // `timeoutMs` tells a builtin (direct) call that this signal already carries the deadline, so it
  // arms no controller or timer of its own (see callToolDirect).
  // `structuredOnly`: these calls read `structured` only, so a builtin server builds no JSON text of it.
  const calls = { ...context, signal: deadline.signal, timeoutMs: MEMORY_CALL_TIMEOUT_MS, structuredOnly: true };
  let contactResult: unknown;
  let searchResult: unknown;
  try {
    [contactResult, searchResult] = await Promise.all([
      call(tools.getContactContext, { include_graph: needGraph, history_limit: RECENT_MESSAGES }, calls),
      flags.sessions && query.trim()
        ? call(
            tools.searchMemory,
            { query: query.slice(0, 2000), memory_types: ['session_summary'], limit: SIMILAR_SESSIONS },
            calls,
          )
        : undefined,
    ]);
  } finally {
    deadline.clear();
  }

  const found = searchResult === undefined ? undefined : parseSearchRow(searchResult);
  if (found) {
    for (const m of found.memories) {
      if (data.similarSessions.length === SIMILAR_SESSIONS) break;
      if (isShown(m, contactId, agentIds, since)) {
        data.similarSessions.push({ summary: m.content, score: m.relevance_score ?? 0 });
      }
    }
  }

  const cc = contactResult === undefined ? undefined : parseContactContextRow(contactResult);
  if (!cc || cc.profile.contact_id !== contactId) return data;
  if (flags.messages) {
    const messages: MemoryContextData['recentMessages'] = [];
    for (const m of cc.recent_messages) {
      if (messages.length === RECENT_MESSAGES) break;
      if (isRecent(m.sent_at, since)) {
        messages.push({ at: m.sent_at, role: m.is_inbound ? 'customer' : 'agent', content: m.content });
      }
    }
    data.recentMessages = messages.sort(byTime);
  }
  // One pass over the contact's memories: its session count, facts and (when shown) events.
  // A complaint is an event when the scope shows events, and a fact (a pain point) otherwise: never both.
  let totalSessions = 0;
  const events: string[] = [];
  for (const m of cc.recent_memories) {
    if (m.contact_id !== contactId) continue;
    if (m.memory_type === 'session_summary') totalSessions++;
    if (!isShown(m, contactId, agentIds, since)) continue;
    const event = flags.events && EVENT_TYPES.has(m.memory_type);
    if (!event && FACT_TYPES.has(m.memory_type) && data.facts.length < FACTS) {
      data.facts.push({ type: m.memory_type, text: m.content });
    }
    if (event && events.length < EVENTS) {
      events.push(`${m.created_at?.slice(0, 10) ?? ''} ${m.memory_type}: ${m.content}`.trim());
    }
  }
  const fields = cc.profile.custom_fields ?? {};
  const contact: NonNullable<MemoryContextData['contact']> = {
    totalSessions,
    avgSentiment: cc.stats.sentiment_average ?? null,
    lastInteraction: cc.stats.last_activity ?? null,
  };
  const own = ownGraph(cc.graph, contactId);
  if (flags.campaigns || flags.tracking) {
    const campaigns = own.filter((n) => n.relationship === 'came_from' && n.type === 'campaign');
    contact.campaignSource = campaigns.map((n) => n.label).join(', ') || fields['campaign_id'] || '—';
  }
  if (flags.tracking) {
    const channels = own.filter((n) => n.type === 'campaign').map((n) => n.properties['channel']);
    contact.tracking =
      [
        fields['lead_source'] ? `source=${fields['lead_source']}` : '',
        ...channels.map((c) => (c ? `channel=${c}` : '')),
      ]
        .filter(Boolean)
        .join(', ') || '—';
  }
  if (flags.pipeline) {
    const stage = fields['lead_stage'];
    contact.pipeline = stage ? `${stage}${fields['lead_score'] ? ` (score ${fields['lead_score']})` : ''}` : '—';
  }
  if (flags.transfers) {
    const agents = own.filter(
      (n) => n.type === 'agent' && (n.relationship === 'handled_by' || n.relationship === 'assigned_to'),
    );
    contact.agents = [
      ...new Set(agents.filter((n) => !scope.agent_ids?.length || scope.agent_ids.includes(n.id)).map((n) => n.label)),
    ];
  }
  if (flags.events) contact.events = events;
  data.contact = contact;
  return data;
}

/** Oldest first (the order the section lists them in). */
function byTime(a: { at: string }, b: { at: string }): number {
  return a.at.localeCompare(b.at);
}

/** Whether a memory is shown: the contact's own, of an agent the scope names (if it names any), in the lookback. */
function isShown(
  row: { contact_id?: string | null | undefined; metadata?: Record<string, unknown> | undefined; created_at?: string },
  contactId: string,
  agentIds: readonly string[] | undefined,
  since: number,
): boolean {
  if (row.contact_id !== contactId) return false;
  if (agentIds && !agentIds.includes(String(row.metadata?.['agent_id'] ?? ''))) return false;
  return isRecent(row.created_at, since);
}

/** Within the lookback (an unknown or unreadable time counts as recent). */
function isRecent(at: string | undefined, since: number): boolean {
  return at === undefined || !(timeOf(at) < since);
}

/** Times read at most: the memory context reads the same rows' timestamps on every turn. */
const KEPT_TIMES = 4_096;
const times = new Map<string, number>();

/** Date.parse of `at`, remembered (it cost more than the rest of the context's filtering). */
function timeOf(at: string): number {
  let time = times.get(at);
  if (time === undefined) {
    if (times.size >= KEPT_TIMES) times.clear();
    time = Date.parse(at);
    times.set(at, time);
  }
  return time;
}

type OwnNode = { id: string; type: string; label: string; relationship: string; properties: Record<string, string> };

/**
 * ownGraph's answer per frozen graph object: the local memory server hands out the same frozen graph
 * while the contact's graph is unchanged, so a steady conversation walks its edges once. Read only.
 */
const ownGraphs = new WeakMap<
  NonNullable<ContactContextRow['graph']>,
  { contactId: string; own: readonly OwnNode[] }
>();

/** The nodes one edge away from the contact, with the edge's relationship. */
function ownGraph(graph: ContactContextRow['graph'], contactId: string): readonly OwnNode[] {
  if (!graph) return [];
  const known = ownGraphs.get(graph);
  if (known?.contactId === contactId) return known.own;
  const own = readOwnGraph(graph, contactId);
  // Only a frozen graph cannot change under the kept answer.
  if (Object.isFrozen(graph)) ownGraphs.set(graph, { contactId, own });
  return own;
}

function readOwnGraph(graph: NonNullable<ContactContextRow['graph']>, contactId: string): OwnNode[] {
  const nodes = new Map(graph.nodes.map((n) => [`${n.type}:${n.id}`, n]));
  return graph.edges
    .filter((e) => e.from_id === contactId && e.to_type !== 'contact')
    .map((e) => {
      const node = nodes.get(`${e.to_type}:${e.to_id}`);
      const properties = node?.properties ?? {};
      return {
        id: e.to_id,
        type: e.to_type,
        label: properties['label'] ?? e.to_id,
        relationship: e.relationship,
        properties,
      };
    });
}

/**
 * The signal of the memory calls: the run's, or MEMORY_CALL_TIMEOUT_MS after they start. One timer
 * for both calls, cleared when they are done (AbortSignal.any with AbortSignal.timeout per call cost
 * more CPU and left each timer running for the full timeout). The deadline is its own abort listener
 * (`handleEvent`), so a load creates no closures.
 */
class MemoryDeadline {
  readonly #controller = new AbortController();
  readonly #run: AbortSignal;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(run: AbortSignal) {
    this.#run = run;
    if (run.aborted) {
      this.#controller.abort(run.reason);
      return;
    }
    run.addEventListener('abort', this, { once: true });
    this.#timer = setTimeout(expire, MEMORY_CALL_TIMEOUT_MS, this.#controller);
    this.#timer.unref?.();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The run aborted. */
  handleEvent(): void {
    this.#controller.abort(this.#run.reason);
  }

  clear(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#run.removeEventListener('abort', this);
  }
}

function expire(controller: AbortController): void {
  controller.abort(
    new DeadlineExceededError(`memory context: no answer within ${MEMORY_CALL_TIMEOUT_MS} ms`, {
      timeoutMs: MEMORY_CALL_TIMEOUT_MS,
    }),
  );
}

async function call(tool: Tool | undefined, args: Record<string, unknown>, context: ToolContext): Promise<unknown> {
  if (!tool) return undefined;
  try {
    const result: ToolResult = await tool.execute(args, context);
    if (result.isError) throw new Error(result.content.slice(0, 300));
    return result.structured ?? JSON.parse(result.content);
  } catch (error) {
    const message = errorMessage(error);
    // A contact the CRM has no record of yet (a first message) is ordinary: nothing to show.
    const level = /not found/i.test(message) ? 'debug' : 'warn';
    logger[level]({ tool: tool.name, err: message }, 'memory context: call failed; left out');
    return undefined;
  }
}
