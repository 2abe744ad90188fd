/**
 * Turns text into vectors. The memory server (store and search) and the semantic router both use one,
 * so it lives in `shared/`. `id` is stored with every vector: a different id means the vectors are not
 * comparable and must be re-indexed.
 */
export interface Embedder {
  /** Stable identity of the embedding space, e.g. `local-hash-v1:512` or `gemini:text-embedding-004:768`. */
  readonly id: string;
  readonly dimensions: number;
  /** One unit-length vector per text, in order. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

/** Cosine similarity of two unit-length vectors (their dot product). */
export function cosine(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let dot = 0;
  for (let i = 0; i < n; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}
