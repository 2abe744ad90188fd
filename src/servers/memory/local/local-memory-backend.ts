import { randomUUID } from 'node:crypto';
import {
  type Embedder,
  isEmbeddingOutage,
  NotFoundError,
  reportEmbeddingFallback,
  throwIfAborted,
} from '../../../shared/index.js';
import { type CrmStore, GRAPH_NODE_TYPES, type GraphNodeType, type MemoryEntityLink } from '../../store/index.js';
import type {
  ContactContext,
  ContactContextQuery,
  FinishedSession,
  MemoryBackend,
  NewMemory,
  RelatedEntities,
  RelatedEntitiesQuery,
  SearchMemoriesQuery,
  SearchMemoriesResult,
  StoredMemory,
  WriteOptions,
} from '../memory-backend.js';
import { contactContext } from './contact-context.js';
import { type ContactReads, createContactReads } from './contact-reads.js';
import { hybridSearch } from './hybrid-search.js';
import { QueryVectors } from './query-vectors.js';
import { relatedEntities } from './related-entities.js';
import { SearchMemo } from './search-memo.js';
import { sessionToMemory } from './session-memory.js';

export interface LocalMemoryBackendOptions {
  store: CrmStore;
  /** Defaults to the store's embedder (the one its vectors come from). */
  embedder?: Embedder;
  /** Clock for lookback windows and timestamps (tests pin it). */
  now?: () => Date;
  /**
   * Newest keyword matches HYBRID ranks with FTS5 (default HYBRID_KEYWORD_WINDOW; `Infinity`
   * ranks all — the reference the bench and tests compare against).
   */
  hybridKeywordWindow?: number;
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 100) / 100;

function isNodeType(type: string): type is GraphNodeType {
  return (GRAPH_NODE_TYPES as readonly string[]).includes(type);
}

/**
 * The memory service on the embedded store: hybrid search (vector + FTS5 + graph), contact context,
 * writes embedded on the way in, and the knowledge graph. A stateful service over one CrmStore.
 *
 * @example
 * const backend = new LocalMemoryBackend({ store });
 * await backend.searchMemories('tenant-demo', SearchMemoriesQuerySchema.parse({ query: 'cancelar', contact_id: 'contact-carlos' }));
 */
export class LocalMemoryBackend implements MemoryBackend {
  private readonly store: CrmStore;
  private readonly embedder: Embedder;
  private readonly now: () => Date;
  private readonly hybridKeywordWindow: number | undefined;
  private readonly contactReads: ContactReads;
  private readonly queryVectors: QueryVectors;
  private readonly searchMemo: SearchMemo;

  constructor(options: LocalMemoryBackendOptions) {
    this.store = options.store;
    this.contactReads = createContactReads(options.store);
    this.hybridKeywordWindow = options.hybridKeywordWindow;
    this.embedder = options.embedder ?? options.store.embedder;
    this.now = options.now ?? (() => new Date());
    if (this.embedder.id !== this.store.embedder.id) {
      throw new RangeError(`embedder ${this.embedder.id} differs from the store's ${this.store.embedder.id}`);
    }
    this.queryVectors = new QueryVectors(this.embedder);
    this.searchMemo = new SearchMemo(this.store);
  }

  async searchMemories(
    tenantId: string,
    query: SearchMemoriesQuery,
    signal?: AbortSignal,
  ): Promise<SearchMemoriesResult> {
    throwIfAborted(signal);
    const deps = {
      store: this.store,
      embedder: this.embedder,
      queryVectors: this.queryVectors,
      memo: this.searchMemo,
      now: this.now(),
    };
    return hybridSearch(
      this.hybridKeywordWindow === undefined ? deps : { ...deps, hybridKeywordWindow: this.hybridKeywordWindow },
      tenantId,
      query,
      signal,
    );
  }

  async getContactContext(tenantId: string, query: ContactContextQuery, signal?: AbortSignal): Promise<ContactContext> {
    throwIfAborted(signal);
    const started = performance.now();
    const now = this.now();
    // One read of the store, in one read transaction: its caches check for other connections' commits once.
    const context = this.store.readOnlyBatch(() => contactContext(this.contactReads, tenantId, query, now));
    return { ...context, latency_ms: elapsed(started) };
  }

  async storeMemory(
    tenantId: string,
    memory: NewMemory,
    signal?: AbortSignal,
    options?: WriteOptions,
  ): Promise<StoredMemory> {
    throwIfAborted(signal);
    const started = performance.now();
    if (memory.contact_id && !this.store.contacts.get(tenantId, memory.contact_id)) {
      throw new NotFoundError(`contact ${memory.contact_id} not found`, { contact_id: memory.contact_id });
    }
    const vector = memory.auto_embed ? await this.embedForWrite(memory.content, signal) : undefined;
    throwIfAborted(signal);
    const id = `mem-${randomUUID()}`;
    const createdAt = memory.created_at ?? this.now().toISOString();
    // The insert and a keyed call's record commit together: a crash between two commits kept the
    // memory and lost the record, and the redelivered message stored it again.
    const write = (): StoredMemory => {
      this.storeNew(tenantId, memory, id, createdAt, vector);
      return { memory_id: id, success: true, latency_ms: elapsed(started) };
    };
    return options?.recordWith ? options.recordWith(write) : write();
  }

  /** The memory row, its vector and its graph links, in one transaction. */
  private storeNew(
    tenantId: string,
    memory: NewMemory,
    id: string,
    createdAt: string,
    vector: Float32Array | undefined,
  ): void {
    this.store.db.transaction(() => {
      this.store.memories.insert(
        tenantId,
        {
          id,
          contact_id: memory.contact_id ?? null,
          memory_type: memory.memory_type,
          content: memory.content,
          metadata: memory.metadata,
          importance: memory.importance,
          created_at: createdAt,
          related: memory.related,
        },
        vector,
        this.embedder.id,
      );
      if (memory.contact_id) this.linkContact(tenantId, memory.contact_id, memory.related, createdAt);
    })();
  }

  async getRelatedEntities(
    tenantId: string,
    query: RelatedEntitiesQuery,
    signal?: AbortSignal,
  ): Promise<RelatedEntities> {
    throwIfAborted(signal);
    const started = performance.now();
    if (!this.store.graph.node(tenantId, query.entity_type, query.entity_id)) {
      throw new NotFoundError(`${query.entity_type} ${query.entity_id} is not in the knowledge graph`, {
        entity_type: query.entity_type,
        entity_id: query.entity_id,
      });
    }
    return { ...relatedEntities(this.store.graph, tenantId, query), latency_ms: elapsed(started) };
  }

  async addSession(
    tenantId: string,
    session: FinishedSession,
    signal?: AbortSignal,
  ): Promise<{ memoriesCreated: number }> {
    throwIfAborted(signal);
    const plan = sessionToMemory(session, this.now());
    const vector = await this.embedForWrite(plan.memory.content, signal);
    throwIfAborted(signal);
    return this.store.db.transaction(() => {
      // The same session handed over twice (a retried event) is stored once.
      if (this.store.memories.getById(tenantId, plan.memory.id)) return { memoriesCreated: 0 };
      const { graph } = this.store;
      const contact = this.store.contacts.get(tenantId, session.contact_id);
      const contactNode = {
        type: 'contact' as const,
        id: session.contact_id,
        label: contact?.name ?? session.contact_id,
      };
      // Existing nodes keep their richer labels and properties; only missing ones are created.
      for (const node of [contactNode, ...plan.nodes]) {
        if (!graph.node(tenantId, node.type, node.id)) graph.upsertNode(tenantId, node);
      }
      for (const edge of plan.edges) graph.upsertEdge(tenantId, edge);
      this.store.memories.insert(tenantId, plan.memory, vector, this.embedder.id);
      return { memoriesCreated: 1 };
    })();
  }

  /**
   * The vector of a memory being written, or undefined when the embedder is down: the memory is stored
   * without one (keyword and graph find it at once) and re-embedded when the store next opens.
   */
  private async embedForWrite(content: string, signal: AbortSignal | undefined): Promise<Float32Array | undefined> {
    try {
      return (await this.embedder.embed([content], signal))[0];
    } catch (error) {
      if (!isEmbeddingOutage(error, signal)) throw error;
      reportEmbeddingFallback('memory_write', this.embedder.id, error, 'stored without a vector until re-indexed');
      return undefined;
    }
  }

  /** Edges contact → each related entity, creating a bare node when the entity is new. */
  private linkContact(tenantId: string, contactId: string, related: readonly MemoryEntityLink[], at: string): void {
    for (const link of related) {
      if (!isNodeType(link.entity_type)) continue;
      if (!this.store.graph.node(tenantId, link.entity_type, link.entity_id)) {
        this.store.graph.upsertNode(tenantId, {
          type: link.entity_type,
          id: link.entity_id,
          label: link.entity_id,
          created_at: at,
        });
      }
      if (!this.store.graph.node(tenantId, 'contact', contactId)) {
        const name = this.store.contacts.get(tenantId, contactId)?.name ?? contactId;
        this.store.graph.upsertNode(tenantId, { type: 'contact', id: contactId, label: name, created_at: at });
      }
      this.store.graph.upsertEdge(tenantId, {
        from_type: 'contact',
        from_id: contactId,
        relationship: link.relationship,
        to_type: link.entity_type,
        to_id: link.entity_id,
        strength: link.strength,
        created_at: at,
      });
    }
  }
}
