import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import {
  type Embedder,
  isEmbeddingOutage,
  LocalEmbedder,
  reportEmbeddingFallback,
  useWal,
  useWritePragmas,
  VentrosError,
} from '../../shared/index.js';
import { withDataVersionPinned, withReadTransaction } from './data-version.js';
import { migrate } from './migrate.js';
import { reindexMemories } from './reindex.js';
import { createCrmRepositories } from './repositories/crm/index.js';
import {
  type AgentRepository,
  type BulkLoader,
  type ContactActivityRepository,
  type ContactRepository,
  type ConversationRepository,
  createAgentRepository,
  createBulkLoader,
  createContactActivityRepository,
  createContactRepository,
  createConversationRepository,
  createGraphRepository,
  createIdempotencyRepository,
  createMemoryRepository,
  createMessageRepository,
  createTenantRepository,
  type GraphRepository,
  type IdempotencyRepository,
  type MemoryRepository,
  type MessageRepository,
  type TenantRepository,
} from './repositories/index.js';
import { ContactCache, TableCache } from './table-cache.js';
import { type ContactTable, type TrackedTable, trackTableWrites } from './table-changes.js';
import { openVectorIndex, type VectorIndexKind } from './vector-index.js';

/** The CRM repositories written by the framework/CRM engineer (`repositories/crm/`). */
export type CrmRepositories = ReturnType<typeof createCrmRepositories>;

export interface OpenCrmStoreOptions {
  /** A file path (its folder is created) or `':memory:'`. */
  path: string;
  /** Embeds memories on write and search; default: the LocalEmbedder (512 dims, no network). */
  embedder?: Embedder;
  /** Vector storage; default `vec0` (see vector-index.ts). */
  vectorIndex?: VectorIndexKind;
  /** Re-embed memories whose vectors come from another embedder while opening (default true). */
  reindexOnOpen?: boolean;
}

/**
 * The embedded SQLite store of the CRM: WAL, foreign keys, sqlite-vec loaded, migrations applied,
 * repositories as fields. `db` is for repositories inside `src/servers/store/` only.
 */
export class CrmStore {
  readonly tenants: TenantRepository;
  readonly contacts: ContactRepository;
  readonly agents: AgentRepository;
  readonly conversations: ConversationRepository;
  readonly messages: MessageRepository;
  readonly memories: MemoryRepository;
  readonly graph: GraphRepository;
  /** Aggregates of purchases, tickets and offers per contact. */
  readonly activity: ContactActivityRepository;
  /** Whole-row writes into the CRM core tables (seed, imports). */
  readonly loader: BulkLoader;
  /** Results of writing tools by idempotency key (the tool servers' `IdempotencyStore`). */
  readonly idempotency: IdempotencyRepository;
  readonly vectorIndexKind: VectorIndexKind;
  readonly vectorDimensions: number;
  private crmRepositories: CrmRepositories | undefined;
  private closed = false;

  constructor(
    readonly db: Database,
    readonly embedder: Embedder,
    readonly path: string,
    vectorIndex: VectorIndexKind,
  ) {
    const { index } = openVectorIndex(db, embedder.dimensions, vectorIndex);
    this.vectorIndexKind = index.kind;
    this.vectorDimensions = index.dimensions;
    this.tenants = createTenantRepository(db);
    this.contacts = createContactRepository(db);
    this.agents = createAgentRepository(db);
    this.conversations = createConversationRepository(db);
    this.messages = createMessageRepository(db);
    this.memories = createMemoryRepository(db, index);
    this.graph = createGraphRepository(db);
    this.activity = createContactActivityRepository(db);
    this.loader = createBulkLoader(db);
    this.idempotency = createIdempotencyRepository(db);
    trackTableWrites(db);
  }

  /** The CRM repositories (leads, purchases, tickets, …), created on first use. */
  get crm(): CrmRepositories {
    this.crmRepositories ??= createCrmRepositories(this.db);
    return this.crmRepositories;
  }

  /**
   * Runs `fn` (synchronous) as one read: the store's caches check for other connections' commits
   * once for all of it instead of once each (a commit during `fn` is seen by the next call).
   */
  readBatch<T>(fn: () => T): T {
    return withDataVersionPinned(this.db, fn);
  }

  /**
   * `readBatch` for a `fn` that only reads: one read transaction too, so its statements share one
   * snapshot and one WAL lock instead of taking one each (see `withReadTransaction`). A write inside
   * may fail with SQLITE_BUSY: use `readBatch` for reads that may write.
   */
  readOnlyBatch<T>(fn: () => T): T {
    return withReadTransaction(this.db, fn);
  }

  /**
   * A cache of values read from `tables`, each kept until one of them is written — by any statement
   * of this process or any commit of another (see TableCache). Keys must name the tenant.
   */
  tableCache<V>(tables: readonly TrackedTable[], maxEntries: number): TableCache<V> {
    return new TableCache<V>(this.db, tables, maxEntries);
  }

  /**
   * A cache of values read from one contact's rows of `tables`, each kept until a row of that
   * contact in one of them is written, or another connection commits (see ContactCache).
   */
  contactCache<V>(tables: readonly ContactTable[], maxEntries: number): ContactCache<V> {
    return new ContactCache<V>(this.db, tables, maxEntries);
  }

  /** Deletes every row of one tenant (the tenant itself stays). */
  resetTenant(tenantId: string): void {
    this.db.transaction(() => {
      this.memories.deleteTenant(tenantId);
      this.loader.resetTenant(tenantId);
      this.idempotency.deleteTenant(tenantId);
    })();
    this.graph.changed();
  }

  /**
   * Folds the WAL back into the database file. Worth calling after a bulk write (seed, import,
   * re-index): until then reads of those pages go through the WAL, which is not memory-mapped.
   */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Closes the database (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/** Opens the database with the pragmas the store relies on and sqlite-vec loaded. */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    useWal(db);
    useWritePragmas(db);
    db.pragma('foreign_keys = ON');
    // k-NN scans read every vector of a tenant: map the file instead of paging it through a 2 MB cache.
    db.pragma('mmap_size = 536870912');
    db.pragma('cache_size = -32768');
    sqliteVec.load(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Re-embeds what is pending; an embedding outage defers it to the next open rather than refusing to
 * start (the pending memories are found by keyword and graph meanwhile; see docs/EMBEDDINGS.md).
 */
async function reindexOrDefer(store: CrmStore): Promise<void> {
  try {
    await reindexMemories(store, store.embedder);
  } catch (error) {
    // The embedder's failures are VentrosErrors; a database error must still stop the open.
    if (!(error instanceof VentrosError) || !isEmbeddingOutage(error)) throw error;
    reportEmbeddingFallback('memory_write', store.embedder.id, error, 're-embedding deferred to the next start');
  }
}

/**
 * Opens (creating and migrating when needed) the CRM store. When the embedder differs from the one
 * the stored vectors came from, re-embeds them before returning (logged; see `reindexMemories`).
 *
 * @example
 * const store = await openCrmStore({ path: './data/crm.db' });
 * store.contacts.get('tenant-demo', 'contact-ana');
 * store.close();
 */
export async function openCrmStore(options: OpenCrmStoreOptions): Promise<CrmStore> {
  const db = openDatabase(options.path);
  let store: CrmStore | undefined;
  try {
    migrate(db);
    store = new CrmStore(db, options.embedder ?? new LocalEmbedder(), options.path, options.vectorIndex ?? 'vec0');
    if (options.reindexOnOpen !== false) await reindexOrDefer(store);
    return store;
  } catch (error) {
    if (store) store.close();
    else db.close();
    throw error;
  }
}
