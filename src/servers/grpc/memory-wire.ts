import type {
  ContactContext,
  ContactContextQuery,
  FinishedSession,
  GraphEdge,
  GraphNode,
  Memory,
  NewMemory,
  RelatedEntities,
  RelatedEntitiesQuery,
  SearchMemoriesQuery,
  SearchMemoriesResult,
} from '../memory/index.js';

/*
 * Conversions between the MemoryBackend types (snake_case, ISO strings) and the memory.proto
 * messages as @grpc/proto-loader presents them (keepCase, enums as names, Timestamp objects).
 */

export interface WireTimestamp {
  seconds: string | number;
  nanos: number;
}

export function toTimestamp(iso: string | null | undefined): WireTimestamp | null {
  if (!iso) return null;
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return null;
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
}

export function fromTimestamp(ts: WireTimestamp | null | undefined): string | null {
  if (!ts) return null;
  const ms = Number(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1_000_000);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const stringMap = (record: Record<string, string | number | boolean> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, String(v)]));

const round = (n: number) => Math.round(n * 1e6) / 1e6;
/** float32 on the wire: clamp what must stay in 0..1 after rounding error. */
const unit = (n: number | undefined) => Math.min(1, Math.max(0, round(n ?? 0)));

export function searchRequest(tenantId: string, q: SearchMemoriesQuery): Record<string, unknown> {
  return {
    tenant_id: tenantId,
    contact_id: q.contact_id ?? '',
    query: q.query,
    limit: q.limit,
    memory_types: q.memory_types ?? [],
    mode: q.mode,
    include_fields: q.include_fields ?? [],
    strategy: q.strategy ?? '',
    weights: q.weights ?? null,
    scope: q.scope ?? null,
  };
}

interface WireMemory {
  id: string;
  content: string;
  memory_type: string;
  relevance_score: number;
  created_at: WireTimestamp | null;
  embedding: number[];
  metadata: Record<string, string>;
  related: Array<{ entity_type: string; entity_id: string; relationship: string; strength: number }>;
  contact_id: string;
  importance: number;
}

export function memoryFromWire(m: WireMemory): Memory {
  const memory: Memory = {
    id: m.id,
    contact_id: m.contact_id || null,
    content: m.content,
    memory_type: m.memory_type,
    relevance_score: unit(m.relevance_score),
    importance: unit(m.importance),
    created_at: fromTimestamp(m.created_at) ?? new Date(0).toISOString(),
    metadata: m.metadata ?? {},
    related: (m.related ?? []).map((r) => ({ ...r, strength: unit(r.strength) })),
  };
  if (m.embedding?.length) memory.embedding = m.embedding;
  return memory;
}

export function memoryToWire(m: Memory): WireMemory {
  return {
    id: m.id,
    content: m.content,
    memory_type: m.memory_type,
    relevance_score: m.relevance_score,
    created_at: toTimestamp(m.created_at),
    embedding: m.embedding ?? [],
    metadata: stringMap(m.metadata),
    related: m.related,
    contact_id: m.contact_id ?? '',
    importance: m.importance,
  };
}

interface WireSearchResponse {
  memories: WireMemory[];
  search_latency_ms: number;
  total_count: number;
  metadata: {
    vector_matches: number;
    keyword_matches: number;
    graph_matches: number;
    vector_weight: number;
    keyword_weight: number;
    graph_weight: number;
    mode: SearchMemoriesQuery['mode'];
    strategy: string;
  } | null;
}

export function searchResultFromWire(r: WireSearchResponse, q: SearchMemoriesQuery): SearchMemoriesResult {
  const md = r.metadata;
  return {
    memories: (r.memories ?? []).map(memoryFromWire),
    total_count: r.total_count ?? 0,
    search_latency_ms: round(r.search_latency_ms ?? 0),
    metadata: {
      vector_matches: md?.vector_matches ?? 0,
      keyword_matches: md?.keyword_matches ?? 0,
      graph_matches: md?.graph_matches ?? 0,
      vector_weight: round(md?.vector_weight ?? 0),
      keyword_weight: round(md?.keyword_weight ?? 0),
      graph_weight: round(md?.graph_weight ?? 0),
      mode: md?.mode ?? q.mode,
      strategy: md?.strategy || q.strategy || 'balanced',
    },
  };
}

export function searchResultToWire(r: SearchMemoriesResult): WireSearchResponse {
  return {
    memories: r.memories.map(memoryToWire),
    search_latency_ms: r.search_latency_ms,
    total_count: r.total_count,
    metadata: r.metadata,
  };
}

export function contextRequest(tenantId: string, q: ContactContextQuery): Record<string, unknown> {
  return {
    tenant_id: tenantId,
    contact_id: q.contact_id,
    include_graph: q.include_graph,
    history_limit: q.history_limit,
    entity_types: q.entity_types ?? [],
  };
}

interface WireNode {
  id: string;
  type: string;
  properties: Record<string, string>;
}
interface WireEdge {
  from_id: string;
  to_id: string;
  relationship: string;
  weight: number;
  created_at: WireTimestamp | null;
  from_type: string;
  to_type: string;
}

const nodeFromWire = (n: WireNode): GraphNode => ({ id: n.id, type: n.type, properties: n.properties ?? {} });
const edgeFromWire = (e: WireEdge): GraphEdge => ({
  from_id: e.from_id,
  from_type: e.from_type,
  to_id: e.to_id,
  to_type: e.to_type,
  relationship: e.relationship,
  weight: round(e.weight),
  created_at: fromTimestamp(e.created_at) ?? new Date(0).toISOString(),
});
const edgeToWire = (e: GraphEdge): WireEdge => ({ ...e, created_at: toTimestamp(e.created_at) });

interface WireContextResponse {
  profile: {
    contact_id: string;
    name: string;
    phone: string;
    email: string;
    tier: string;
    tags: string[];
    custom_fields: Record<string, string>;
  } | null;
  recent_memories: WireMemory[];
  recent_messages: Array<{
    id: string;
    content: string;
    is_inbound: boolean;
    sent_at: WireTimestamp | null;
    channel: string;
    sentiment: number;
    has_sentiment: boolean;
  }>;
  graph: { nodes: WireNode[]; edges: WireEdge[] } | null;
  stats: {
    total_messages: number;
    total_purchases: number;
    lifetime_value: number;
    first_contact: WireTimestamp | null;
    last_activity: WireTimestamp | null;
    churn_risk: number;
    open_tickets: number;
    complaints: number;
    offers_received: number;
    sentiment_average: number;
    has_sentiment_average: boolean;
  } | null;
  latency_ms: number;
}

export function contextFromWire(r: WireContextResponse, q: ContactContextQuery): ContactContext {
  const p = r.profile;
  const s = r.stats;
  const context: ContactContext = {
    profile: {
      contact_id: p?.contact_id || q.contact_id,
      name: p?.name ?? '',
      phone: p?.phone || null,
      email: p?.email || null,
      tier: p?.tier || 'standard',
      tags: p?.tags ?? [],
      custom_fields: p?.custom_fields ?? {},
    },
    recent_memories: (r.recent_memories ?? []).map(memoryFromWire),
    recent_messages: (r.recent_messages ?? []).map((m) => ({
      id: m.id,
      content: m.content,
      is_inbound: m.is_inbound,
      sent_at: fromTimestamp(m.sent_at) ?? new Date(0).toISOString(),
      channel: m.channel,
      sentiment: m.has_sentiment ? round(m.sentiment) : null,
    })),
    stats: {
      total_messages: s?.total_messages ?? 0,
      total_purchases: s?.total_purchases ?? 0,
      lifetime_value: round(s?.lifetime_value ?? 0),
      first_contact: fromTimestamp(s?.first_contact),
      last_activity: fromTimestamp(s?.last_activity),
      open_tickets: s?.open_tickets ?? 0,
      complaints: s?.complaints ?? 0,
      offers_received: s?.offers_received ?? 0,
      sentiment_average: s?.has_sentiment_average ? round(s.sentiment_average) : null,
      churn_risk: unit(s?.churn_risk),
    },
    latency_ms: round(r.latency_ms ?? 0),
  };
  if (q.include_graph && r.graph) {
    context.graph = { nodes: r.graph.nodes.map(nodeFromWire), edges: r.graph.edges.map(edgeFromWire) };
  }
  return context;
}

export function contextToWire(c: ContactContext): WireContextResponse {
  return {
    profile: { ...c.profile, phone: c.profile.phone ?? '', email: c.profile.email ?? '' },
    recent_memories: c.recent_memories.map(memoryToWire),
    recent_messages: c.recent_messages.map((m) => ({
      ...m,
      sent_at: toTimestamp(m.sent_at),
      sentiment: m.sentiment ?? 0,
      has_sentiment: m.sentiment !== null,
    })),
    graph: c.graph ? { nodes: c.graph.nodes, edges: c.graph.edges.map(edgeToWire) } : null,
    stats: {
      ...c.stats,
      first_contact: toTimestamp(c.stats.first_contact),
      last_activity: toTimestamp(c.stats.last_activity),
      sentiment_average: c.stats.sentiment_average ?? 0,
      has_sentiment_average: c.stats.sentiment_average !== null,
    },
    latency_ms: c.latency_ms,
  };
}

export function storeRequest(tenantId: string, m: NewMemory): Record<string, unknown> {
  return {
    tenant_id: tenantId,
    contact_id: m.contact_id ?? '',
    content: m.content,
    memory_type: m.memory_type,
    metadata: stringMap(m.metadata),
    auto_embed: m.auto_embed,
    related: m.related,
    importance: m.importance,
  };
}

export function relatedRequest(tenantId: string, q: RelatedEntitiesQuery): Record<string, unknown> {
  return {
    tenant_id: tenantId,
    entity_id: q.entity_id,
    entity_type: q.entity_type,
    target_types: q.target_types ?? [],
    relationships: q.relationships ?? [],
    max_depth: q.max_depth,
    limit: q.limit,
    min_strength: q.min_strength,
  };
}

interface WireRelatedResponse {
  entities: Array<{ entity: WireNode | null; path: WireEdge[]; relevance: number }>;
  latency_ms: number;
}

export function relatedFromWire(r: WireRelatedResponse): RelatedEntities {
  return {
    entities: (r.entities ?? []).map((e) => ({
      entity: nodeFromWire(e.entity ?? { id: '', type: '', properties: {} }),
      path: (e.path ?? []).map(edgeFromWire),
      relevance: unit(e.relevance),
    })),
    latency_ms: round(r.latency_ms ?? 0),
  };
}

export function relatedToWire(r: RelatedEntities): WireRelatedResponse {
  return {
    entities: r.entities.map((e) => ({ entity: e.entity, path: e.path.map(edgeToWire), relevance: e.relevance })),
    latency_ms: r.latency_ms,
  };
}

export function sessionRequest(tenantId: string, s: FinishedSession): Record<string, unknown> {
  const md = s.metadata;
  const metadata: Record<string, string> = {};
  if (md.agent_id) metadata.agent_id = md.agent_id;
  if (md.agent_category) metadata.agent_category = md.agent_category;
  if (md.sentiment_score !== undefined) metadata.sentiment_score = String(md.sentiment_score);
  if (md.topics?.length) metadata.topics = md.topics.join(',');
  if (md.products?.length) metadata.products = md.products.join(',');
  return {
    tenant_id: tenantId,
    session_id: s.session_id,
    contact_id: s.contact_id,
    messages: s.messages.map((m) => ({ role: m.role, content: m.content, timestamp: toTimestamp(m.timestamp) })),
    summary: s.summary ?? '',
    metadata,
  };
}
