import type { Database } from 'better-sqlite3';
import { logger } from '../../shared/index.js';
import { dataVersionOf } from './data-version.js';
import { TenantVectorCodes } from './vector-codes.js';

/** One stored vector, as a loader hands it over. */
export type VectorSink = (seq: number, vector: Float32Array) => void;

export interface CodedKnnSource {
  readonly dimensions: number;
  /** How many vectors the tenant has (sizes the codes before loading). */
  countTenant(tenantId: string): number;
  /** Calls `sink` for every stored vector of the tenant. */
  loadTenant(tenantId: string, sink: VectorSink): void;
  /** The stored float32 vectors of these seqs (absent ones are skipped). */
  read(seqs: readonly number[]): Map<number, Float32Array>;
  /**
   * Calls `sink` for every vector with a seq above `afterSeq` (rows another connection appended);
   * returns false when it cannot tell (then every tenant is reloaded).
   */
  appendedSince(afterSeq: number, sink: (tenantId: string, seq: number, vector: Float32Array) => void): boolean;
  /** Exact brute-force k-NN, for dense vectors. */
  exactNearest(tenantId: string, vector: Float32Array, k: number): KnnHit[];
}

export interface KnnHit {
  seq: number;
  similarity: number;
}

/**
 * Coarse candidates for k hits: codes are within ~1e-3 of the cosine, so a margin of k/4 (≥ 32)
 * keeps recall@k at 1.0 on the benchmark set (test/servers/store/vector-recall.test.ts).
 */
const candidateCount = (k: number) => k + Math.max(32, k >> 2);
/** Above this share of non-zero codes, postings cost as much as a scan: use the exact k-NN. */
const MAX_DENSITY = 0.25;

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Tenant-wide cosine k-NN in two stages: a coarse pass over in-memory int8 postings (see
 * vector-codes.ts) picks candidates, which are rescored exactly on the stored float32 vectors — so
 * returned similarities are exact and a stale code can cost recall, never a wrong score.
 *
 * A tenant's codes are loaded on its first search (5 bytes per non-zero component: ≈ 0.6 s and
 * ~34 MB for 90k vectors of the local embedder) and kept in step with
 * this connection's writes. Commits by other connections (another process on the same file) bump
 * SQLite's `data_version`; then the vectors they appended are added (see `catchUp`).
 */
export class CodedKnn {
  private readonly tenants = new Map<string, TenantVectorCodes>();
  private dataVersion: number;
  private readonly readDataVersion: () => number;
  /** Highest seq the loaded codes have seen (memories.seq only grows). */
  private maxSeq = 0;

  constructor(
    db: Database,
    private readonly source: CodedKnnSource,
  ) {
    this.readDataVersion = dataVersionOf(db);
    this.dataVersion = this.currentDataVersion();
  }

  /** Loaded tenants and the bytes their codes hold (diagnostics). */
  get stats(): { tenants: number; bytes: number } {
    let bytes = 0;
    for (const codes of this.tenants.values()) bytes += codes.bytes;
    return { tenants: this.tenants.size, bytes };
  }

  /** Keeps loaded codes in step with a write on this connection. */
  upsert(tenantId: string, seq: number, vector: Float32Array): void {
    this.tenants.get(tenantId)?.upsert(seq, vector);
    if (this.tenants.size > 0) this.maxSeq = Math.max(this.maxSeq, seq);
  }

  remove(seq: number): void {
    for (const codes of this.tenants.values()) codes.remove(seq);
  }

  /** Drops every loaded tenant (they reload on their next search). */
  reset(): void {
    this.tenants.clear();
    this.maxSeq = 0;
  }

  nearest(tenantId: string, vector: Float32Array, k: number): KnnHit[] {
    const codes = this.codesOf(tenantId);
    if (codes.density > MAX_DENSITY) return this.source.exactNearest(tenantId, vector, k);
    const candidates = codes.nearest(vector, candidateCount(k));
    const stored = this.source.read(candidates.map((c) => c.seq));
    const hits: KnnHit[] = [];
    for (const [seq, exact] of stored) hits.push({ seq, similarity: cosine(vector, exact) });
    return hits.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }

  private codesOf(tenantId: string): TenantVectorCodes {
    const version = this.currentDataVersion();
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.catchUp();
    }
    let codes = this.tenants.get(tenantId);
    if (!codes) {
      const started = performance.now();
      const loaded = new TenantVectorCodes(this.source.dimensions, this.source.countTenant(tenantId));
      this.source.loadTenant(tenantId, (seq, v) => {
        loaded.upsert(seq, v);
        if (seq > this.maxSeq) this.maxSeq = seq;
      });
      loaded.trim();
      codes = loaded;
      this.tenants.set(tenantId, codes);
      logger.debug(
        { tenantId, vectors: codes.count, bytes: codes.bytes, ms: Math.round(performance.now() - started) },
        'memory store: vector codes loaded',
      );
    }
    return codes;
  }

  /**
   * Another connection committed: append the vectors it added. Deletions and re-embeddings made
   * elsewhere are not replayed — exact rescoring never returns a deleted row, and a re-embedded
   * one is still found by its old code unless it moved far — until this process reopens the store.
   */
  private catchUp(): void {
    if (this.tenants.size === 0) return;
    let maxSeq = this.maxSeq;
    const complete = this.source.appendedSince(this.maxSeq, (tenantId, seq, vector) => {
      this.tenants.get(tenantId)?.upsert(seq, vector);
      if (seq > maxSeq) maxSeq = seq;
    });
    if (complete) this.maxSeq = maxSeq;
    else this.reset();
  }

  private currentDataVersion(): number {
    return this.readDataVersion();
  }
}
