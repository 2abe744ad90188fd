import { z } from 'zod';
import type { RecordWith } from '../framework/index.js';

/*
 * The memory service contract. Field names are snake_case on purpose: they mirror `memory.proto`
 * (section 2 of the gRPC spec), so the gRPC backend maps them 1:1 (proto-loader `keepCase: true`) and
 * the MCP tools return them to the model as they are. Timestamps are ISO-8601 UTC strings.
 */

/** Memory types the seed and the agents use. The set is open: any short snake_case word is accepted. */
export const KNOWN_MEMORY_TYPES = [
  'purchase',
  'conversation',
  'support_ticket',
  'complaint',
  'preference',
  'offer',
  'note',
  'session_summary',
  'agent_insight',
  'fact',
] as const;

export const MemoryTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a lower-case snake_case word, e.g. "purchase" or "complaint"');

/** HYBRID fuses the three signals; the others use one (VECTOR_ONLY is the fastest). */
export const SearchModeSchema = z.enum(['HYBRID', 'VECTOR_ONLY', 'KEYWORD_ONLY', 'GRAPH_ONLY']);
export type SearchMode = z.infer<typeof SearchModeSchema>;

/** Named weightings of the seed's agent categories (vector / keyword / graph). */
export const RetrievalStrategySchema = z.enum([
  'retention_churn',
  'sales_prospecting',
  'support_technical',
  'balanced',
]);
export type RetrievalStrategy = z.infer<typeof RetrievalStrategySchema>;

export const SearchWeightsSchema = z.object({
  vector: z.number().min(0).max(1),
  keyword: z.number().min(0).max(1),
  graph: z.number().min(0).max(1),
});
export type SearchWeights = z.infer<typeof SearchWeightsSchema>;

/** Flat JSON scalars (proto `map<string,string>` on the gRPC side: stringify there). */
export const MetadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type MemoryMetadata = z.infer<typeof MetadataSchema>;

/** What part of a contact's history a search may look at (the seed's KnowledgeScope). */
export const KnowledgeScopeSchema = z.object({
  lookback_days: z.number().int().min(1).max(3650).optional(),
  include_messages: z.boolean().optional(),
  include_tickets: z.boolean().optional(),
  include_purchases: z.boolean().optional(),
  include_offers: z.boolean().optional(),
  include_sessions: z.boolean().optional(),
  memory_types: z.array(MemoryTypeSchema).max(20).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type KnowledgeScope = z.infer<typeof KnowledgeScopeSchema>;

export const RelatedEntitySchema = z.object({
  entity_type: z.string().min(1).max(40),
  entity_id: z.string().min(1).max(200),
  relationship: z.string().min(1).max(60),
  strength: z.number().min(0).max(1),
});
export type RelatedEntity = z.infer<typeof RelatedEntitySchema>;

export const MemorySchema = z.object({
  id: z.string(),
  contact_id: z.string().nullable(),
  content: z.string(),
  memory_type: z.string(),
  relevance_score: z.number().min(0).max(1),
  importance: z.number().min(0).max(1),
  created_at: z.string(),
  metadata: MetadataSchema,
  related: z.array(RelatedEntitySchema),
  /** Only when asked for with `include_fields: ['embedding']`. */
  embedding: z.array(z.number()).optional(),
});
export type Memory = z.infer<typeof MemorySchema>;

export const SearchMemoriesQuerySchema = z.object({
  query: z.string().trim().min(1).max(2000),
  /** Restrict to one contact; absent = the whole tenant. */
  contact_id: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(100).default(10),
  memory_types: z.array(MemoryTypeSchema).max(20).optional(),
  mode: SearchModeSchema.default('HYBRID'),
  strategy: RetrievalStrategySchema.optional(),
  /** Explicit weights win over `strategy`; they are normalised to sum 1. */
  weights: SearchWeightsSchema.optional(),
  scope: KnowledgeScopeSchema.optional(),
  include_fields: z
    .array(z.enum(['content', 'embedding', 'metadata']))
    .max(3)
    .optional(),
});
export type SearchMemoriesQuery = z.infer<typeof SearchMemoriesQuerySchema>;
export type SearchMemoriesQueryInput = z.input<typeof SearchMemoriesQuerySchema>;

export const SearchMetadataSchema = z.object({
  vector_matches: z.number().int(),
  keyword_matches: z.number().int(),
  graph_matches: z.number().int(),
  vector_weight: z.number(),
  keyword_weight: z.number(),
  graph_weight: z.number(),
  mode: SearchModeSchema,
  strategy: z.string(),
  /** Set when the search ran degraded (the embedder was unavailable: keyword and graph signals only). */
  warning: z.string().optional(),
});
export type SearchMetadata = z.infer<typeof SearchMetadataSchema>;

export const SearchMemoriesResultSchema = z.object({
  memories: z.array(MemorySchema),
  total_count: z.number().int(),
  search_latency_ms: z.number(),
  metadata: SearchMetadataSchema,
});
export type SearchMemoriesResult = z.infer<typeof SearchMemoriesResultSchema>;

export const ContactContextQuerySchema = z.object({
  contact_id: z.string().min(1).max(200),
  include_graph: z.boolean().default(false),
  /** Recent messages and memories to return (each). */
  history_limit: z.number().int().min(1).max(200).default(20),
  /** Restricts recent memories to these types. */
  entity_types: z.array(MemoryTypeSchema).max(20).optional(),
});
export type ContactContextQuery = z.infer<typeof ContactContextQuerySchema>;
export type ContactContextQueryInput = z.input<typeof ContactContextQuerySchema>;

export const ContactProfileSchema = z.object({
  contact_id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  tier: z.string(),
  tags: z.array(z.string()),
  /** status, company, language, customer_since, … */
  custom_fields: z.record(z.string(), z.string()),
});
export type ContactProfile = z.infer<typeof ContactProfileSchema>;

export const ContactMessageSchema = z.object({
  id: z.string(),
  content: z.string(),
  /** true: the customer wrote it. */
  is_inbound: z.boolean(),
  sent_at: z.string(),
  channel: z.string(),
  sentiment: z.number().nullable(),
});
export type ContactMessage = z.infer<typeof ContactMessageSchema>;

export const GraphNodeSchema = z.object({
  id: z.string(),
  type: z.string(),
  properties: z.record(z.string(), z.string()),
});
export type GraphNode = z.infer<typeof GraphNodeSchema>;

export const GraphEdgeSchema = z.object({
  from_id: z.string(),
  from_type: z.string(),
  to_id: z.string(),
  to_type: z.string(),
  relationship: z.string(),
  weight: z.number(),
  created_at: z.string(),
});
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;

export const KnowledgeGraphSchema = z.object({ nodes: z.array(GraphNodeSchema), edges: z.array(GraphEdgeSchema) });
export type KnowledgeGraph = z.infer<typeof KnowledgeGraphSchema>;

export const ContactStatsSchema = z.object({
  total_messages: z.number().int(),
  total_purchases: z.number().int(),
  lifetime_value: z.number(),
  first_contact: z.string().nullable(),
  last_activity: z.string().nullable(),
  open_tickets: z.number().int(),
  complaints: z.number().int(),
  offers_received: z.number().int(),
  /** Mean sentiment of the customer's messages, -1..1; null when none carry one. */
  sentiment_average: z.number().nullable(),
  /** 0..1; see `churnRisk` in local/churn-risk.ts for the formula. */
  churn_risk: z.number().min(0).max(1),
});
export type ContactStats = z.infer<typeof ContactStatsSchema>;

export const ContactContextSchema = z.object({
  profile: ContactProfileSchema,
  recent_memories: z.array(MemorySchema),
  recent_messages: z.array(ContactMessageSchema),
  graph: KnowledgeGraphSchema.optional(),
  stats: ContactStatsSchema,
  latency_ms: z.number(),
});
export type ContactContext = z.infer<typeof ContactContextSchema>;

export const NewMemorySchema = z.object({
  contact_id: z.string().min(1).max(200).optional(),
  content: z.string().trim().min(1).max(8000),
  memory_type: MemoryTypeSchema,
  metadata: MetadataSchema.default({}),
  importance: z.number().min(0).max(1).default(0.5),
  auto_embed: z.boolean().default(true),
  related: z.array(RelatedEntitySchema).max(50).default([]),
  /** Defaults to now; the seed sets it to place memories in the past. */
  created_at: z.string().datetime().optional(),
});
export type NewMemory = z.infer<typeof NewMemorySchema>;
export type NewMemoryInput = z.input<typeof NewMemorySchema>;

export const StoredMemorySchema = z.object({
  memory_id: z.string(),
  success: z.boolean(),
  latency_ms: z.number(),
});
export type StoredMemory = z.infer<typeof StoredMemorySchema>;

export const RelatedEntitiesQuerySchema = z.object({
  entity_id: z.string().min(1).max(200),
  entity_type: z.string().min(1).max(40).default('contact'),
  target_types: z.array(z.string().min(1).max(40)).max(20).optional(),
  relationships: z.array(z.string().min(1).max(60)).max(20).optional(),
  max_depth: z.number().int().min(1).max(3).default(2),
  limit: z.number().int().min(1).max(100).default(20),
  min_strength: z.number().min(0).max(1).default(0),
});
export type RelatedEntitiesQuery = z.infer<typeof RelatedEntitiesQuerySchema>;
export type RelatedEntitiesQueryInput = z.input<typeof RelatedEntitiesQuerySchema>;

export const RelatedEntityResultSchema = z.object({
  entity: GraphNodeSchema,
  /** Edges from the start node to this entity, in order. */
  path: z.array(GraphEdgeSchema),
  relevance: z.number().min(0).max(1),
});
export const RelatedEntitiesSchema = z.object({
  entities: z.array(RelatedEntityResultSchema),
  latency_ms: z.number(),
});
export type RelatedEntities = z.infer<typeof RelatedEntitiesSchema>;

export const SessionMessageSchema = z.object({
  role: z.enum(['user', 'assistant', 'agent', 'system']),
  content: z.string().max(20000),
  timestamp: z.string().optional(),
});

/** A finished agent session handed to memory (the seed's AddSessionRequest). */
export const FinishedSessionSchema = z.object({
  session_id: z.string().min(1).max(200),
  contact_id: z.string().min(1).max(200),
  messages: z.array(SessionMessageSchema).max(500),
  /** Written by the agent; when absent one is derived from the messages. */
  summary: z.string().max(8000).optional(),
  metadata: z
    .object({
      agent_id: z.string().optional(),
      agent_category: z.string().optional(),
      sentiment_score: z.number().min(-1).max(1).optional(),
      topics: z.array(z.string().max(60)).max(20).optional(),
      products: z.array(z.string().max(200)).max(20).optional(),
    })
    .default({}),
});
export type FinishedSession = z.infer<typeof FinishedSessionSchema>;
export type FinishedSessionInput = z.input<typeof FinishedSessionSchema>;

/**
 * Long-term memory of the CRM: hybrid search, contact context, writes and the knowledge graph.
 * Implemented locally on the SQLite store (`LocalMemoryBackend`) and over gRPC to the Go memory
 * service (`GrpcMemoryBackend`). The tenant is always the first argument and comes from the trusted
 * call context, never from a model's arguments. Inputs are the parsed (`z.infer`) types: callers
 * validate with the schemas above. Failures: `InvalidInputError`, `NotFoundError` (unknown contact),
 * `CancelledError` / `DeadlineExceededError` from the signal.
 */
/** Options of a write: its idempotency key (the gRPC backend sends it as `x-idempotency-key`). */
export interface WriteOptions {
  idempotencyKey?: string | undefined;
  /**
   * The keyed call's recorder (`CallContext.recordWith`): a backend that writes to the store the
   * record lives in runs its write through it, so the write and the call's record commit together.
   */
  recordWith?: RecordWith | undefined;
}

export interface MemoryBackend {
  searchMemories(tenantId: string, query: SearchMemoriesQuery, signal?: AbortSignal): Promise<SearchMemoriesResult>;
  getContactContext(tenantId: string, query: ContactContextQuery, signal?: AbortSignal): Promise<ContactContext>;
  storeMemory(tenantId: string, memory: NewMemory, signal?: AbortSignal, write?: WriteOptions): Promise<StoredMemory>;
  getRelatedEntities(tenantId: string, query: RelatedEntitiesQuery, signal?: AbortSignal): Promise<RelatedEntities>;
  addSession(
    tenantId: string,
    session: FinishedSession,
    signal?: AbortSignal,
    write?: WriteOptions,
  ): Promise<{ memoriesCreated: number }>;
}

/** The seed's strategy weights (vector / keyword / graph); `balanced` is equal thirds. */
export const STRATEGY_WEIGHTS: Readonly<Record<RetrievalStrategy, SearchWeights>> = {
  retention_churn: { vector: 0.5, keyword: 0.2, graph: 0.2 },
  sales_prospecting: { vector: 0.2, keyword: 0.3, graph: 0.4 },
  support_technical: { vector: 0.3, keyword: 0.5, graph: 0.1 },
  balanced: { vector: 1 / 3, keyword: 1 / 3, graph: 1 / 3 },
};
