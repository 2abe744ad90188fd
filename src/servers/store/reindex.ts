import type { Database } from 'better-sqlite3';
import type { Embedder } from '../../shared/index.js';
import { logger, throwIfAborted } from '../../shared/index.js';
import type { MemoryRepository, TenantRepository } from './repositories/index.js';

/**
 * What re-embedding needs of a store (a CrmStore is one). Declared here rather than importing
 * CrmStore, which calls `reindexMemories` while opening: no import cycle.
 */
export interface ReindexableStore {
  readonly db: Database;
  readonly tenants: Pick<TenantRepository, 'list'>;
  readonly memories: Pick<MemoryRepository, 'countPendingEmbedding' | 'pendingEmbedding' | 'setVector'>;
  readonly vectorDimensions: number;
  checkpoint(): void;
}

const BATCH_SIZE = 256;

/**
 * Re-embeds every memory whose vector is missing or comes from another embedder than `embedder`, in
 * batches of 256, one transaction per batch (an interrupted run resumes where it stopped). Returns
 * how many memories were embedded. Safe to call when nothing is pending (one count query).
 */
export async function reindexMemories(
  store: ReindexableStore,
  embedder: Embedder,
  signal?: AbortSignal,
): Promise<number> {
  const pending = store.memories.countPendingEmbedding(embedder.id);
  if (pending === 0) return 0;
  if (embedder.dimensions !== store.vectorDimensions) {
    throw new RangeError(
      `embedder ${embedder.id} has ${embedder.dimensions} dimensions; the store's vectors have ${store.vectorDimensions}`,
    );
  }
  logger.info({ pending, embedder: embedder.id }, 'memory store: re-embedding memories');
  const started = Date.now();
  let done = 0;
  for (const tenant of store.tenants.list()) {
    // Bounded: each batch marks its rows as embedded, so the pending set shrinks every turn.
    for (let turn = 0; turn <= pending / BATCH_SIZE + 1; turn++) {
      throwIfAborted(signal);
      const batch = store.memories.pendingEmbedding(tenant.id, embedder.id, BATCH_SIZE);
      if (batch.length === 0) break;
      const vectors = await embedder.embed(
        batch.map((row) => row.content),
        signal,
      );
      store.db.transaction(() => {
        batch.forEach((row, i) => {
          const vector = vectors[i];
          if (vector) store.memories.setVector(tenant.id, row.seq, vector, embedder.id);
        });
      })();
      done += batch.length;
    }
  }
  store.checkpoint();
  logger.info({ done, ms: Date.now() - started, embedder: embedder.id }, 'memory store: re-embedding finished');
  return done;
}
