import type { Embedder } from './embedder.js';
import { contentWords } from './text-features.js';

/** 32-bit FNV-1a; fast, stable across processes and versions (the vectors are persisted). */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function addFeature(vector: Float32Array, feature: string, weight: number): void {
  const h = fnv1a(feature);
  const index = h % vector.length;
  // A second hash picks the sign so that collisions cancel out on average instead of piling up.
  const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
  vector[index] = (vector[index] as number) + sign * weight;
}

/**
 * Texts whose vectors are kept (2 KB each at 512 dimensions): enough for a message's router and memory
 * search (and a few concurrent sessions), few enough that a kept vector rarely outlives a scavenge and
 * gets promoted to the old generation.
 */
const KEPT_TEXTS = 8;
/** Longer texts are not kept: a query is at most 2,000 characters; longer ones are memories being written. */
const KEPT_TEXT_CHARS = 2_000;

/**
 * An embedder that needs no model download and no network: signed feature hashing of words, word
 * pairs and character trigrams (which catch PT-BR inflections: "cancelar"/"cancelamento"). Good
 * enough for intent routing and keyword-ish recall; swap in Gemini embeddings for real semantics.
 */
export class LocalEmbedder implements Embedder {
  readonly dimensions: number;
  readonly id: string;
  /**
   * The vectors of the most recent short texts: a message is embedded by the router, then by the
   * memory search of its memory context, with the same words. Callers get a copy (the router centers
   * its vector in place).
   */
  readonly #kept = new Map<string, Float32Array>();

  constructor(dimensions = 512) {
    this.dimensions = dimensions;
    this.id = `local-hash-v1:${dimensions}`;
  }

  embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    const words = contentWords(text);
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      addFeature(vector, `w:${word}`, 1);
      const next = words[i + 1];
      if (next !== undefined) addFeature(vector, `b:${word}_${next}`, 0.5);
      const padded = `^${word}$`;
      for (let j = 0; j + 3 <= padded.length; j++) addFeature(vector, `c:${padded.slice(j, j + 3)}`, 0.25);
    }
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += (vector[i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / norm;
    return vector;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.#keptOrEmbedded(t));
  }

  #keptOrEmbedded(text: string): Float32Array {
    if (text.length > KEPT_TEXT_CHARS) return this.embedOne(text);
    let vector = this.#kept.get(text);
    if (vector === undefined) {
      vector = this.embedOne(text);
      this.#kept.set(text, vector);
      if (this.#kept.size > KEPT_TEXTS) this.#kept.delete(this.#kept.keys().next().value as string);
    }
    return vector.slice();
  }
}
