import type { Database, Statement } from 'better-sqlite3';
import { CodedKnn } from './coded-knn.js';
import { countVec0Slots, loadVec0Tenant, vec0AppendedSince } from './vec0-shadow.js';

/** Where memory vectors live: a sqlite-vec `vec0` table partitioned by tenant, or a plain BLOB table. */
export type VectorIndexKind = 'vec0' | 'plain';

/**
 * The default, chosen by `bench/memory-search.bench.ts` (2 shared cores, 512-dim vectors, 90% of the
 * rows in the searched tenant): before the coded k-NN, tenant-wide VECTOR_ONLY p50 5.3 ms (vec0) vs
 * 36 ms (plain) at 10k, 51 ms vs 380 ms at 100k. Both kinds now answer `nearest` from in-memory
 * int8 codes + exact rescoring (coded-knn.ts); vec0 keeps the faster bulk load and `exactNearest`.
 */
export const DEFAULT_VECTOR_INDEX_KIND: VectorIndexKind = 'vec0';

export interface VectorHit {
  seq: number;
  /** Cosine similarity, -1..1. */
  similarity: number;
}

/**
 * Vectors of memories keyed by `memories.seq`. Both kinds store unit-length float32 vectors and answer
 * cosine top-k within one tenant. `read` returns stored vectors so callers can score a small candidate
 * set (one contact's memories) exactly, without a k-NN pass over the tenant.
 */
export interface VectorIndex {
  readonly kind: VectorIndexKind;
  readonly dimensions: number;
  upsert(tenantId: string, seq: number, vector: Float32Array): void;
  remove(seq: number): void;
  read(seqs: readonly number[]): Map<number, Float32Array>;
  /** Cosine top-k: a coarse pass over in-memory int8 codes, then exact rescoring (see coded-knn.ts). */
  nearest(tenantId: string, vector: Float32Array, k: number): VectorHit[];
  /** Exact brute-force top-k (slower; the reference for recall). */
  exactNearest(tenantId: string, vector: Float32Array, k: number): VectorHit[];
  clear(): void;
}

const TABLE: Record<VectorIndexKind, string> = { vec0: 'memory_vectors', plain: 'memory_vectors_plain' };

function asFloat32(blob: Buffer): Float32Array {
  // Views need 4-byte alignment; pooled Buffers may start at any offset, so copy those.
  if (blob.byteOffset % 4 === 0) return new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
  return new Float32Array(new Uint8Array(blob).buffer);
}

function asBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** A statement reading `[seq, embedding]` of the seqs in a JSON array: one statement, one key lookup per seq. */
function readManyStatement(db: Database, table: string): Statement {
  return db
    .prepare(`SELECT j.value, v.embedding FROM json_each(?) j CROSS JOIN ${table} v ON v.seq = j.value`)
    .raw(true);
}

function readMany(statement: Statement, seqs: readonly number[]): Map<number, Float32Array> {
  const out = new Map<number, Float32Array>();
  if (seqs.length === 0) return out;
  for (const [seq, blob] of statement.all(JSON.stringify(seqs)) as [number, Buffer][]) out.set(seq, asFloat32(blob));
  return out;
}

class Vec0Index implements VectorIndex {
  readonly kind = 'vec0' as const;
  private readonly insertStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly readStmt: Statement;
  private readonly knnStmt: Statement;
  private readonly knn: CodedKnn;

  constructor(
    private readonly db: Database,
    readonly dimensions: number,
  ) {
    this.insertStmt = db.prepare('INSERT INTO memory_vectors (seq, tenant_id, embedding) VALUES (?, ?, ?)');
    this.deleteStmt = db.prepare('DELETE FROM memory_vectors WHERE seq = ?');
    this.readStmt = readManyStatement(db, 'memory_vectors');
    this.knnStmt = db.prepare(
      'SELECT seq, distance FROM memory_vectors WHERE embedding MATCH ? AND k = ? AND tenant_id = ? ORDER BY distance',
    );
    this.knn = new CodedKnn(db, {
      dimensions,
      countTenant: (tenantId) => countVec0Slots(db, tenantId),
      loadTenant: (tenantId, sink) => loadVec0Tenant(db, dimensions, tenantId, sink),
      appendedSince: (afterSeq, sink) => vec0AppendedSince(db, afterSeq, (seqs) => this.read(seqs), sink),
      read: (seqs) => this.read(seqs),
      exactNearest: (tenantId, vector, k) => this.exactNearest(tenantId, vector, k),
    });
  }

  upsert(tenantId: string, seq: number, vector: Float32Array): void {
    // vec0 has no UPSERT; it also insists on integer (BigInt) primary keys from better-sqlite3.
    this.deleteStmt.run(BigInt(seq));
    this.insertStmt.run(BigInt(seq), tenantId, asBlob(vector));
    this.knn.upsert(tenantId, seq, vector);
  }

  remove(seq: number): void {
    this.deleteStmt.run(BigInt(seq));
    this.knn.remove(seq);
  }

  read(seqs: readonly number[]): Map<number, Float32Array> {
    return readMany(this.readStmt, seqs);
  }

  nearest(tenantId: string, vector: Float32Array, k: number): VectorHit[] {
    return this.knn.nearest(tenantId, vector, Math.max(1, k));
  }

  /** The brute-force k-NN of sqlite-vec itself (the reference the coded search is measured against). */
  exactNearest(tenantId: string, vector: Float32Array, k: number): VectorHit[] {
    // vec0 caps k at 4096.
    const rows = this.knnStmt.all(asBlob(vector), Math.min(Math.max(1, k), 4096), tenantId) as {
      seq: number;
      distance: number;
    }[];
    return rows.map((row) => ({ seq: row.seq, similarity: 1 - row.distance }));
  }

  clear(): void {
    this.db.exec('DELETE FROM memory_vectors');
    this.knn.reset();
  }
}

class PlainIndex implements VectorIndex {
  readonly kind = 'plain' as const;
  private readonly upsertStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly readStmt: Statement;
  private readonly scanStmt: Statement;
  private readonly knn: CodedKnn;

  constructor(
    private readonly db: Database,
    readonly dimensions: number,
  ) {
    this.upsertStmt = db.prepare(
      'INSERT OR REPLACE INTO memory_vectors_plain (seq, tenant_id, embedding) VALUES (?, ?, ?)',
    );
    this.deleteStmt = db.prepare('DELETE FROM memory_vectors_plain WHERE seq = ?');
    this.readStmt = readManyStatement(db, 'memory_vectors_plain');
    this.scanStmt = db.prepare('SELECT seq, embedding FROM memory_vectors_plain WHERE tenant_id = ?').raw(true);
    const countStmt = db.prepare('SELECT count(*) FROM memory_vectors_plain WHERE tenant_id = ?').pluck();
    const appendedStmt = db
      .prepare('SELECT tenant_id, seq, embedding FROM memory_vectors_plain WHERE seq > ? ORDER BY seq')
      .raw(true);
    this.knn = new CodedKnn(db, {
      dimensions,
      countTenant: (tenantId) => countStmt.get(tenantId) as number,
      loadTenant: (tenantId, sink) => {
        for (const row of this.scanStmt.iterate(tenantId) as Iterable<[number, Buffer]>)
          sink(row[0], asFloat32(row[1]));
      },
      appendedSince: (afterSeq, sink) => {
        for (const [tenantId, seq, blob] of appendedStmt.iterate(afterSeq) as Iterable<[string, number, Buffer]>) {
          sink(tenantId, seq, asFloat32(blob));
        }
        return true;
      },
      read: (seqs) => this.read(seqs),
      exactNearest: (tenantId, vector, k) => this.exactNearest(tenantId, vector, k),
    });
  }

  upsert(tenantId: string, seq: number, vector: Float32Array): void {
    this.upsertStmt.run(seq, tenantId, asBlob(vector));
    this.knn.upsert(tenantId, seq, vector);
  }

  remove(seq: number): void {
    this.deleteStmt.run(seq);
    this.knn.remove(seq);
  }

  read(seqs: readonly number[]): Map<number, Float32Array> {
    return readMany(this.readStmt, seqs);
  }

  nearest(tenantId: string, vector: Float32Array, k: number): VectorHit[] {
    return this.knn.nearest(tenantId, vector, Math.max(1, k));
  }

  /** A brute-force scan of the tenant's vectors (the reference the coded search is measured against). */
  exactNearest(tenantId: string, vector: Float32Array, k: number): VectorHit[] {
    const top: VectorHit[] = [];
    let floor = -Infinity;
    for (const row of this.scanStmt.iterate(tenantId) as Iterable<[number, Buffer]>) {
      const similarity = dot(vector, asFloat32(row[1]));
      if (top.length >= k && similarity <= floor) continue;
      top.push({ seq: row[0], similarity });
      if (top.length > k * 4) {
        top.sort((a, b) => b.similarity - a.similarity);
        top.length = k;
        floor = (top[k - 1] as VectorHit).similarity;
      }
    }
    top.sort((a, b) => b.similarity - a.similarity);
    return top.slice(0, k);
  }

  clear(): void {
    this.db.exec('DELETE FROM memory_vectors_plain');
    this.knn.reset();
  }
}

/**
 * Opens (creating when needed) the vector table of `kind` with `dimensions`. When the stored table
 * has another dimension it is dropped and recreated empty — the caller re-embeds (see reindex.ts).
 * Returns the index and whether it was (re)created empty.
 */
export function openVectorIndex(
  db: Database,
  dimensions: number,
  kind: VectorIndexKind = DEFAULT_VECTOR_INDEX_KIND,
): { index: VectorIndex; recreated: boolean } {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 8192) {
    throw new RangeError(`vector dimensions must be an integer 1..8192, got ${dimensions}`);
  }
  const get = db.prepare('SELECT value FROM store_settings WHERE key = ?');
  const set = db.prepare('INSERT OR REPLACE INTO store_settings (key, value) VALUES (?, ?)');
  const table = TABLE[kind];
  const existsStmt = db.prepare("SELECT 1 FROM sqlite_master WHERE name = ? AND type IN ('table')");
  const stale = () =>
    existsStmt.get(table) === undefined ||
    (get.get(`vectors.${kind}.dimensions`) as { value: string } | undefined)?.value !== String(dimensions);
  let recreated = false;
  if (stale()) {
    // IMMEDIATE, checked again: processes opening the same fresh file at once wait for each other's
    // table (busy timeout) instead of failing to upgrade a deferred transaction ("database is locked").
    db.transaction(() => {
      if (!stale()) return;
      db.exec(`DROP TABLE IF EXISTS ${table}`);
      if (kind === 'vec0') {
        db.exec(
          `CREATE VIRTUAL TABLE memory_vectors USING vec0(seq INTEGER PRIMARY KEY, tenant_id TEXT PARTITION KEY, embedding float[${dimensions}] distance_metric=cosine)`,
        );
      } else {
        db.exec(`CREATE TABLE memory_vectors_plain (seq INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, embedding BLOB NOT NULL);
          CREATE INDEX memory_vectors_plain_by_tenant ON memory_vectors_plain (tenant_id, seq);`);
      }
      set.run(`vectors.${kind}.dimensions`, String(dimensions));
      // Whatever vectors the memories claimed are gone with the table.
      db.prepare('UPDATE memories SET embedder_id = NULL WHERE embedder_id IS NOT NULL').run();
      recreated = true;
    }).immediate();
  }
  const index = kind === 'vec0' ? new Vec0Index(db, dimensions) : new PlainIndex(db, dimensions);
  return { index, recreated };
}
