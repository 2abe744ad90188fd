import * as grpc from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, serviceConstructor } from '../../shared/grpc/proto-loader.js';
import {
  type ContactContext,
  type ContactContextQuery,
  ContactContextSchema,
  type FinishedSession,
  type MemoryBackend,
  type NewMemory,
  type RelatedEntities,
  type RelatedEntitiesQuery,
  RelatedEntitiesSchema,
  type SearchMemoriesQuery,
  type SearchMemoriesResult,
  SearchMemoriesResultSchema,
  type SearchMode,
  type StoredMemory,
  StoredMemorySchema,
  type WriteOptions,
} from '../memory/index.js';
import { idempotencyMetadata } from './idempotency-metadata.js';
import {
  contextFromWire,
  contextRequest,
  relatedFromWire,
  relatedRequest,
  searchRequest,
  searchResultFromWire,
  sessionRequest,
  storeRequest,
} from './memory-wire.js';
import { DEFAULT_DEADLINE_MS, unaryCall } from './unary-call.js';

/** Per-mode search deadlines of the spec (hybrid 500 ms, vector 200 ms, keyword 100 ms). */
export const SEARCH_DEADLINES_MS: Readonly<Record<SearchMode, number>> = {
  HYBRID: 500,
  VECTOR_ONLY: 200,
  KEYWORD_ONLY: 100,
  GRAPH_ONLY: 500,
};

export interface GrpcMemoryBackendOptions {
  /** host:port of the Go memory service. */
  target: string;
  credentials?: grpc.ChannelCredentials;
  /** Override the per-mode search deadlines (tests). */
  searchDeadlinesMs?: Partial<Record<SearchMode, number>>;
  /** Deadline of the other calls (default 2 s). */
  deadlineMs?: number;
  /** Attempts per call, retried only on UNAVAILABLE / DEADLINE_EXCEEDED (default 3). */
  maxAttempts?: number;
  backoffMs?: number;
}

/**
 * MemoryBackend over `ventros.memory.MemoryService` (the Go memory service). The tenant travels in
 * every request's `tenant_id`; responses are converted back to the backend types and validated with
 * the same zod schemas the local backend satisfies, so a malformed answer fails loudly here.
 */
export class GrpcMemoryBackend implements MemoryBackend {
  private readonly client: grpc.Client;
  private readonly deadlines: Record<SearchMode, number>;

  constructor(private readonly options: GrpcMemoryBackendOptions) {
    const Service = serviceConstructor('memory.proto', 'ventros.memory.MemoryService');
    this.client = new Service(
      options.target,
      options.credentials ?? grpc.credentials.createInsecure(),
      CHANNEL_OPTIONS,
    );
    this.deadlines = { ...SEARCH_DEADLINES_MS, ...options.searchDeadlinesMs };
  }

  private call<T>(
    method: string,
    request: unknown,
    deadlineMs: number,
    signal?: AbortSignal,
    write?: WriteOptions,
  ): Promise<T> {
    const metadata = idempotencyMetadata(write?.idempotencyKey);
    return unaryCall<T>(this.client, method, request, {
      deadlineMs,
      signal,
      ...(metadata ? { metadata } : {}),
      maxAttempts: this.options.maxAttempts ?? 3,
      ...(this.options.backoffMs !== undefined ? { backoffMs: this.options.backoffMs } : {}),
    });
  }

  private get deadline(): number {
    return this.options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  }

  async searchMemories(
    tenantId: string,
    query: SearchMemoriesQuery,
    signal?: AbortSignal,
  ): Promise<SearchMemoriesResult> {
    const wire = await this.call<Parameters<typeof searchResultFromWire>[0]>(
      'SearchMemories',
      searchRequest(tenantId, query),
      this.deadlines[query.mode],
      signal,
    );
    return SearchMemoriesResultSchema.parse(searchResultFromWire(wire, query));
  }

  async getContactContext(tenantId: string, query: ContactContextQuery, signal?: AbortSignal): Promise<ContactContext> {
    const wire = await this.call<Parameters<typeof contextFromWire>[0]>(
      'GetContactContext',
      contextRequest(tenantId, query),
      this.deadline,
      signal,
    );
    return ContactContextSchema.parse(contextFromWire(wire, query));
  }

  async storeMemory(
    tenantId: string,
    memory: NewMemory,
    signal?: AbortSignal,
    write?: WriteOptions,
  ): Promise<StoredMemory> {
    const request = storeRequest(tenantId, memory);
    const wire = await this.call<StoredMemory>('StoreMemory', request, this.deadline, signal, write);
    return StoredMemorySchema.parse(wire);
  }

  async getRelatedEntities(
    tenantId: string,
    query: RelatedEntitiesQuery,
    signal?: AbortSignal,
  ): Promise<RelatedEntities> {
    const wire = await this.call<Parameters<typeof relatedFromWire>[0]>(
      'GetRelatedEntities',
      relatedRequest(tenantId, query),
      this.deadline,
      signal,
    );
    return RelatedEntitiesSchema.parse(relatedFromWire(wire));
  }

  async addSession(
    tenantId: string,
    session: FinishedSession,
    signal?: AbortSignal,
    write?: WriteOptions,
  ): Promise<{ memoriesCreated: number }> {
    const wire = await this.call<{ memories_created: number }>(
      'AddSession',
      sessionRequest(tenantId, session),
      this.deadline,
      signal,
      write,
    );
    return { memoriesCreated: wire.memories_created ?? 0 };
  }

  /** Closes the channel. */
  close(): void {
    this.client.close();
  }
}

/** Factory used by the registry when MEMORY_SERVICE_GRPC_HOST is set. */
export function createGrpcMemoryBackend(options: GrpcMemoryBackendOptions): GrpcMemoryBackend {
  return new GrpcMemoryBackend(options);
}
