import { z } from 'zod';
import { type CallContext, contactIdOf, defineTool, ToolError, type ToolSpec } from '../framework/index.js';
import {
  ContactContextSchema,
  FinishedSessionSchema,
  KNOWN_MEMORY_TYPES,
  type KnowledgeGraph,
  KnowledgeScopeSchema,
  type MemoryBackend,
  MemoryTypeSchema,
  MetadataSchema,
  RelatedEntitiesSchema,
  RelatedEntitySchema,
  RetrievalStrategySchema,
  SearchMemoriesResultSchema,
  SearchModeSchema,
  SearchWeightsSchema,
  SessionMessageSchema,
  StoredMemorySchema,
} from './memory-backend.js';

const contactIdArg = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('Contact to look at, e.g. "contact-ana". Omit to use the contact of the current conversation.');

const TYPES_HINT = `Known types: ${KNOWN_MEMORY_TYPES.join(', ')}.`;

/**
 * The contact of a call: the model's argument, else the trusted contact of the conversation. A customer
 * call is bound to its trusted contact (the framework's `contactIdOf`).
 */
function contactOf(argument: string | undefined, ctx: CallContext, tool: string): string {
  if (ctx.audience === 'customer') return contactIdOf(argument, ctx);
  const contactId = argument ?? ctx.contactId;
  if (!contactId) {
    throw new ToolError(`${tool} needs a contact: pass contact_id (there is no current conversation contact).`);
  }
  return contactId;
}

const searchMemory = (backend: MemoryBackend) =>
  defineTool({
    name: 'search_memory',
    access: 'contact',
    title: 'Search customer memory',
    description:
      "Search the CRM's long-term memory (purchases, conversations, complaints, support tickets, offers, preferences, " +
      'past session summaries) for what is relevant to a question. Call it BEFORE answering anything that depends on ' +
      "the customer's history. Defaults to the current conversation's contact; set all_contacts to search the whole " +
      'company. Returns memories ranked by relevance_score (0..1) with their type, date, metadata and related ' +
      'entities, plus how many matched by meaning (vector), by words (keyword) and through the knowledge graph.',
    input: {
      query: z
        .string()
        .trim()
        .min(1)
        .max(2000)
        .describe('What to look for, in the customer\'s words or yours, e.g. "reclamações de preço".'),
      contact_id: contactIdArg,
      all_contacts: z
        .boolean()
        .default(false)
        .describe('true: search every contact of the company (ignores contact_id and the current contact).'),
      limit: z.number().int().min(1).max(50).default(10).describe('Maximum memories to return (1-50, default 10).'),
      memory_types: z.array(MemoryTypeSchema).max(20).optional().describe(`Only these memory types. ${TYPES_HINT}`),
      mode: SearchModeSchema.default('HYBRID').describe(
        'HYBRID (default, best), VECTOR_ONLY (by meaning), KEYWORD_ONLY (exact words), GRAPH_ONLY (linked entities).',
      ),
      strategy: RetrievalStrategySchema.optional().describe(
        'Weighting of the signals for your task: retention_churn, sales_prospecting, support_technical or balanced.',
      ),
      weights: SearchWeightsSchema.optional().describe(
        'Explicit vector/keyword/graph weights (0..1); override strategy.',
      ),
      scope: KnowledgeScopeSchema.optional().describe(
        'Knowledge scope: lookback_days, include_messages / include_tickets / include_purchases / include_offers / ' +
          'include_sessions (false leaves those out), memory_types, limit.',
      ),
    },
    output: SearchMemoriesResultSchema.shape,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    retrievalDocuments: (result) =>
      (result as { memories?: Array<{ id: string; relevance_score: number }> }).memories?.map((m) => ({
        id: m.id,
        score: m.relevance_score,
      })) ?? [],
    async handler(args, ctx) {
      if (ctx.audience === 'customer' && args.all_contacts) {
        throw new ToolError(
          'Searching every contact is not available in a conversation with a customer: search this customer’s memory.',
        );
      }
      const contactId =
        ctx.audience === 'customer'
          ? contactIdOf(args.contact_id, ctx)
          : args.all_contacts
            ? undefined
            : (args.contact_id ?? ctx.contactId);
      return backend.searchMemories(
        ctx.tenantId,
        {
          query: args.query,
          limit: args.limit,
          mode: args.mode,
          ...(contactId ? { contact_id: contactId } : {}),
          ...(args.memory_types ? { memory_types: args.memory_types } : {}),
          ...(args.strategy ? { strategy: args.strategy } : {}),
          ...(args.weights ? { weights: args.weights } : {}),
          ...(args.scope ? { scope: args.scope } : {}),
        },
        ctx.signal,
      );
    },
  });

const getContactContext = (backend: MemoryBackend) =>
  defineTool({
    name: 'get_contact_context',
    access: 'contact',
    title: 'Get contact context',
    description:
      'Everything known about one customer in one call: profile (name, tier, tags, status, company), recent memories ' +
      'and messages, and stats (messages, purchases, lifetime value, open tickets, complaints, offers received, ' +
      'average sentiment, last activity, churn_risk 0..1). Call it at the start of a retention, sales or support ' +
      'conversation. Set include_graph for the products, campaigns, tickets and topics linked to the customer.',
    input: {
      contact_id: contactIdArg,
      include_graph: z
        .boolean()
        .default(false)
        .describe('Also return the knowledge graph around the contact (2 hops).'),
      history_limit: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(20)
        .describe('How many recent messages and memories to return (each; default 20).'),
      entity_types: z
        .array(MemoryTypeSchema)
        .max(20)
        .optional()
        .describe(`Only recent memories of these types. ${TYPES_HINT}`),
    },
    output: ContactContextSchema.shape,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const contactId = contactOf(args.contact_id, ctx, 'get_contact_context');
      const context = await backend.getContactContext(
        ctx.tenantId,
        {
          contact_id: contactId,
          include_graph: args.include_graph,
          history_limit: args.history_limit,
          ...(args.entity_types ? { entity_types: args.entity_types } : {}),
        },
        ctx.signal,
      );
      // Two hops from a customer reach other customers (who bought the same product): a customer
      // conversation sees only what touches the customer directly.
      if (ctx.audience === 'customer' && context.graph)
        return { ...context, graph: ownGraph(context.graph, contactId) };
      return context;
    },
  });

const storeMemory = (backend: MemoryBackend) =>
  defineTool({
    name: 'store_memory',
    writes: true,
    access: 'contact',
    title: 'Store a memory',
    description:
      'Remember a durable fact about a customer for future conversations: a preference ("prefers WhatsApp after ' +
      '2pm"), a complaint, a commitment, an insight. Write it as one self-contained sentence. Do not store greetings ' +
      'or things already in the CRM. Returns the new memory_id.',
    input: {
      content: z.string().trim().min(1).max(4000).describe('The fact, one self-contained sentence.'),
      memory_type: MemoryTypeSchema.describe(
        `Kind of memory, e.g. preference, complaint, agent_insight. ${TYPES_HINT}`,
      ),
      contact_id: contactIdArg,
      importance: z
        .number()
        .min(0)
        .max(1)
        .default(0.5)
        .describe('0..1; how much this should weigh later (default 0.5).'),
      metadata: MetadataSchema.optional().describe('Flat key/value facts, e.g. {"source": "agent_inference"}.'),
      related: z
        .array(RelatedEntitySchema)
        .max(20)
        .optional()
        .describe(
          'Entities this is about: entity_type (product, campaign, ticket, topic, …), entity_id, relationship, strength 0..1.',
        ),
    },
    output: StoredMemorySchema.shape,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    async handler(args, ctx) {
      return backend.storeMemory(
        ctx.tenantId,
        {
          contact_id: contactOf(args.contact_id, ctx, 'store_memory'),
          content: args.content,
          memory_type: args.memory_type,
          importance: args.importance,
          metadata: args.metadata ?? {},
          related: args.related ?? [],
          auto_embed: true,
        },
        ctx.signal,
        { idempotencyKey: ctx.idempotencyKey, recordWith: ctx.recordWith },
      );
    },
  });

const getRelatedEntities = (backend: MemoryBackend) =>
  defineTool({
    name: 'get_related_entities',
    access: 'contact',
    title: 'Get related entities',
    description:
      'Walk the knowledge graph from one entity (a contact by default) to what it is linked to: products bought or ' +
      'mentioned, campaigns, tickets, agents, topics, sessions — up to max_depth hops (1-3). Use it to find upsell ' +
      'paths or who else is affected. Returns each entity with the path of edges that reaches it and a relevance 0..1.',
    input: {
      entity_id: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .describe("Start entity id. Omit to start from the current conversation's contact."),
      entity_type: z
        .string()
        .min(1)
        .max(40)
        .default('contact')
        .describe(
          'Type of the start entity: contact (default), product, campaign, ticket, agent, topic, offer, session.',
        ),
      target_types: z
        .array(z.string().min(1).max(40))
        .max(10)
        .optional()
        .describe('Only return entities of these types.'),
      relationships: z
        .array(z.string().min(1).max(60))
        .max(20)
        .optional()
        .describe('Only follow these relationships, e.g. ["purchased", "complained_about"].'),
      max_depth: z.number().int().min(1).max(3).default(2).describe('Hops to walk, 1-3 (default 2).'),
      limit: z.number().int().min(1).max(100).default(20).describe('Maximum entities (default 20).'),
      min_strength: z.number().min(0).max(1).default(0).describe('Ignore edges weaker than this (0..1).'),
    },
    output: RelatedEntitiesSchema.shape,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const customer = ctx.audience === 'customer';
      if (customer && args.entity_type !== 'contact') {
        throw new ToolError(
          'In a conversation with a customer the graph can only be walked from that customer: leave entity_type and entity_id out.',
        );
      }
      const entityId = customer
        ? contactIdOf(args.entity_id, ctx)
        : (args.entity_id ??
          (args.entity_type === 'contact' ? contactOf(undefined, ctx, 'get_related_entities') : undefined));
      if (!entityId) throw new ToolError(`get_related_entities needs entity_id for entity_type ${args.entity_type}.`);
      const related = await backend.getRelatedEntities(
        ctx.tenantId,
        {
          entity_id: entityId,
          entity_type: args.entity_type,
          // One hop: what the customer is linked to, never the other customers behind it.
          max_depth: customer ? 1 : args.max_depth,
          limit: args.limit,
          min_strength: args.min_strength,
          ...(args.target_types ? { target_types: args.target_types } : {}),
          ...(args.relationships ? { relationships: args.relationships } : {}),
        },
        ctx.signal,
      );
      if (!customer) return related;
      return { ...related, entities: related.entities.filter((e) => e.entity.type !== 'contact') };
    },
  });

const addSession = (backend: MemoryBackend) =>
  defineTool({
    name: 'add_session',
    writes: true,
    access: 'contact',
    title: 'Add a finished session to memory',
    description:
      'Save a finished conversation to long-term memory as a session summary linked in the knowledge graph to the ' +
      'contact, the agent, its topics and products. Call it once when a conversation ends; calling it again for the ' +
      'same session_id stores nothing new. Returns how many memories were created.',
    input: {
      session_id: z.string().min(1).max(200).optional().describe('Session id; defaults to the current session.'),
      contact_id: contactIdArg,
      messages: z
        .array(SessionMessageSchema)
        .max(500)
        .default([])
        .describe('The conversation: role, content, timestamp.'),
      summary: z.string().max(8000).optional().describe('Your summary; derived from the messages when omitted.'),
      metadata: FinishedSessionSchema.shape.metadata.describe(
        'agent_id, agent_category, sentiment_score (-1..1), topics, products mentioned.',
      ),
    },
    output: { memories_created: z.number().int(), session_id: z.string() },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async handler(args, ctx) {
      if (ctx.audience === 'customer' && args.session_id !== undefined && args.session_id !== ctx.sessionId) {
        throw new ToolError(
          'In a conversation with a customer only the current session can be saved: leave session_id out.',
        );
      }
      const sessionId = args.session_id ?? ctx.sessionId;
      if (!sessionId) throw new ToolError('add_session needs session_id (there is no current session).');
      if (args.messages.length === 0 && !args.summary) {
        throw new ToolError('add_session needs messages or a summary: there is nothing to remember.');
      }
      const result = await backend.addSession(
        ctx.tenantId,
        {
          session_id: sessionId,
          contact_id: contactOf(args.contact_id, ctx, 'add_session'),
          messages: args.messages,
          metadata: args.metadata,
          ...(args.summary ? { summary: args.summary } : {}),
        },
        ctx.signal,
        { idempotencyKey: ctx.idempotencyKey },
      );
      return { memories_created: result.memoriesCreated, session_id: sessionId };
    },
  });

/** The part of a contact's graph that touches the contact itself: its own edges and their other ends. */
function ownGraph(graph: KnowledgeGraph, contactId: string): KnowledgeGraph {
  const own = (type: string, id: string) => type === 'contact' && id === contactId;
  const edges = graph.edges.filter((e) => own(e.from_type, e.from_id) || own(e.to_type, e.to_id));
  const keep = new Set(edges.flatMap((e) => [`${e.from_type}:${e.from_id}`, `${e.to_type}:${e.to_id}`]));
  keep.add(`contact:${contactId}`);
  const nodes = graph.nodes.filter(
    (n) => keep.has(`${n.type}:${n.id}`) && (n.type !== 'contact' || n.id === contactId),
  );
  return { nodes, edges: edges.filter((e) => !(e.from_type === 'contact' && e.to_type === 'contact')) };
}

/**
 * The memory server's tools over any MemoryBackend (local store or the Go memory service). The
 * tenant always comes from the trusted CallContext; in a staff call the model may name a contact, in a
 * customer call only the trusted contact is read or written (and no search spans every contact).
 */
export function memoryTools(backend: MemoryBackend): ToolSpec[] {
  return [
    searchMemory(backend),
    getContactContext(backend),
    storeMemory(backend),
    getRelatedEntities(backend),
    addSession(backend),
  ];
}
