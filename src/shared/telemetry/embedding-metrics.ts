import { Counter } from 'prom-client';

/** Who fell back: the memory search, a memory write, or the semantic router. */
export type EmbeddingConsumer = 'memory_search' | 'memory_write' | 'router';

/**
 * `ventros_embedding_fallbacks_total{consumer, embedder}`: embedding calls that failed and were served
 * another way (see docs/EMBEDDINGS.md). Process-wide, because the memory server and the router embed
 * outside any HTTP app; registered in no registry here — each HTTP app's `/metrics` registry adds it.
 */
export const embeddingFallbacks = new Counter({
  name: 'ventros_embedding_fallbacks_total',
  help: 'Embedding calls that failed and fell back (memory search: keyword + graph; memory write: stored unembedded; router: the local embedder)',
  labelNames: ['consumer', 'embedder'] as const,
  registers: [],
});
