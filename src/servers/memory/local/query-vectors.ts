import type { Embedder } from '../../../shared/index.js';

/** Search texts whose vectors are kept (a few KB each). */
const KEPT_TEXTS = 64;

/**
 * The vectors of recent search texts: a message's memory context and its agent's search_memory
 * usually search the same words, and embedding is a pure function of the text for a given embedder,
 * so each text is embedded once while it stays among the most recent. Failures are not kept. The
 * vectors are shared: callers only read them.
 */
export class QueryVectors {
  private readonly kept = new Map<string, Float32Array>();

  constructor(
    private readonly embedder: Embedder,
    private readonly maxTexts = KEPT_TEXTS,
  ) {}

  async embed(text: string, signal?: AbortSignal): Promise<Float32Array | undefined> {
    const kept = this.kept.get(text);
    if (kept) return kept;
    const [vector] = await this.embedder.embed([text], signal);
    if (vector) {
      this.kept.set(text, vector);
      if (this.kept.size > this.maxTexts) this.kept.delete(this.kept.keys().next().value as string);
    }
    return vector;
  }
}
