import type { Database } from 'better-sqlite3';
import type { VectorSink } from './coded-knn.js';

/**
 * Bulk reads of the `memory_vectors` vec0 table through its shadow tables (sqlite-vec 0.1.x layout:
 * `_chunks` rows hold a partition key, a validity bitmap and little-endian int64 rowids per chunk;
 * `_vector_chunks00` rows hold the chunk's float32 vectors back to back).
 *
 * Why: `SELECT … FROM memory_vectors WHERE tenant_id = ?` fetches one row at a time (≈ 2.9 s for 90k
 * vectors); reading whole chunks takes a fraction of that. When the layout is not the expected one
 * (another sqlite-vec version), the loader falls back to the plain SELECT.
 */

const CHUNKS_SQL = `SELECT c.size AS size, c.validity AS validity, c.rowids AS rowids, v.vectors AS vectors
  FROM memory_vectors_chunks c JOIN memory_vectors_vector_chunks00 v ON v.rowid = c.chunk_id
  WHERE c.partition00 = ?`;

interface ChunkRow {
  size: number;
  validity: Buffer;
  rowids: Buffer;
  vectors: Buffer;
}

function layoutMatches(db: Database): boolean {
  try {
    db.prepare(CHUNKS_SQL);
    return true;
  } catch {
    return false;
  }
}

/** Upper bound of the tenant's vectors (slots of its chunks), 0 when unknown. */
export function countVec0Slots(db: Database, tenantId: string): number {
  if (!layoutMatches(db)) return 0;
  const n = db.prepare('SELECT sum(size) FROM memory_vectors_chunks WHERE partition00 = ?').pluck().get(tenantId);
  return typeof n === 'number' ? n : 0;
}

/** Calls `sink` for every vector of the tenant in `memory_vectors`. */
export function loadVec0Tenant(db: Database, dimensions: number, tenantId: string, sink: VectorSink): void {
  if (!layoutMatches(db)) {
    const rows = db.prepare('SELECT seq, embedding FROM memory_vectors WHERE tenant_id = ?').raw(true);
    for (const [seq, blob] of rows.iterate(tenantId) as Iterable<[number, Buffer]>) {
      sink(seq, new Float32Array(new Uint8Array(blob).buffer));
    }
    return;
  }
  const bytesPerVector = dimensions * 4;
  for (const chunk of db.prepare(CHUNKS_SQL).iterate(tenantId) as Iterable<ChunkRow>) {
    const slots = Math.min(chunk.size, chunk.validity.length * 8, chunk.rowids.length / 8);
    if (chunk.vectors.length < slots * bytesPerVector) throw new RangeError('vec0 chunk shorter than its slots');
    // One aligned copy of the chunk; vectors are views into it.
    const floats = new Float32Array(new Uint8Array(chunk.vectors).buffer);
    for (let slot = 0; slot < slots; slot++) {
      if (((chunk.validity[slot >> 3] as number) & (1 << (slot & 7))) === 0) continue;
      const seq = Number(chunk.rowids.readBigInt64LE(slot * 8));
      sink(seq, floats.subarray(slot * dimensions, (slot + 1) * dimensions));
    }
  }
}

/**
 * Calls `sink` for every vector with a seq above `afterSeq`, with its tenant. Returns false when the
 * layout is not the expected one.
 */
export function vec0AppendedSince(
  db: Database,
  afterSeq: number,
  read: (seqs: readonly number[]) => Map<number, Float32Array>,
  sink: (tenantId: string, seq: number, vector: Float32Array) => void,
): boolean {
  if (!layoutMatches(db)) return false;
  const rows = db
    .prepare(`SELECT r.rowid AS seq, c.partition00 AS tenant FROM memory_vectors_rowids r
      JOIN memory_vectors_chunks c ON c.chunk_id = r.chunk_id WHERE r.rowid > ? ORDER BY r.rowid`)
    .all(afterSeq) as { seq: number; tenant: string }[];
  const vectors = read(rows.map((row) => row.seq));
  for (const row of rows) {
    const vector = vectors.get(row.seq);
    if (vector) sink(row.tenant, row.seq, vector);
  }
  return true;
}
