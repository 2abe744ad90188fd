import type { Database } from 'better-sqlite3';
import { dataVersionOf } from '../data-version.js';
import { tableStamp } from '../table-changes.js';
import type { VectorIndex } from '../vector-index.js';
import { createContactRows } from './contact-rows.js';
import { orNull, parseJson } from './json.js';
import { createKeywordSearch, type KeywordSearchOptions, type KeywordTerm } from './keyword-search.js';
import { limitStatements } from './limit-statements.js';
import { createMemoryLinks, type EntityLinkHit, type LinkedEntity, type MemoryEntityLink } from './memory-links.js';
import { filterParams, type MemoryFilter, memoryScope, WHERE_CONTACT, WHERE_TENANT } from './memory-scope.js';
import { SeqCache } from './seq-cache.js';

export type { MemoryEntityLink } from './memory-links.js';
export type { MemoryFilter } from './memory-scope.js';

export interface MemoryRecord {
  seq: number;
  id: string;
  contact_id: string | null;
  memory_type: string;
  content: string;
  metadata: Record<string, string | number | boolean>;
  importance: number;
  created_at: string;
  embedder_id: string | null;
}

export interface NewMemoryRecord {
  id: string;
  contact_id?: string | null;
  memory_type: string;
  content: string;
  metadata?: Record<string, string | number | boolean>;
  importance?: number;
  created_at: string;
  related?: readonly MemoryEntityLink[];
}

export interface ScoredSeq {
  seq: number;
  score: number;
}

type StoredMemory = Omit<MemoryRecord, 'metadata'> & { metadata: string };

/** Memory rows and link lists kept by seq (see SeqCache). */
const KEPT_PER_SEQ = 20_000;
/** Bytes of vectors kept by seq. */
const KEPT_VECTOR_BYTES = 8 * 1024 * 1024;

const COLUMNS = 'seq, id, contact_id, memory_type, content, metadata, importance, created_at, embedder_id';

function toRecord(row: StoredMemory): MemoryRecord {
  return { ...row, metadata: parseJson(row.metadata, {}) };
}

/**
 * Memories: rows, their FTS index (kept in sync by triggers), their vectors (through `vectors`) and
 * their links to graph entities. Every read is scoped to one tenant. Memories are written only
 * through this repository: its caches (a contact's rows, the memory count) rely on it, and on
 * data_version for other connections.
 */
export function createMemoryRepository(db: Database, vectors: VectorIndex) {
  const insertStmt = db.prepare(`INSERT INTO memories (tenant_id, id, contact_id, memory_type, content, metadata,
      importance, created_at, embedder_id)
    VALUES (@tenant_id, @id, @contact_id, @memory_type, @content, @metadata, @importance, @created_at, @embedder_id)`);
  const linkStmt = db.prepare(`INSERT OR REPLACE INTO memory_entities (tenant_id, memory_seq, entity_type, entity_id,
      relationship, strength) VALUES (?, ?, ?, ?, ?, ?)`);
  const byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM memories WHERE tenant_id = ? AND id = ?`);
  // CROSS JOIN pins the order: look each seq up by key rather than scanning the tenant's index.
  const bySeqsStmt = db.prepare(
    `SELECT ${COLUMNS.split(', ')
      .map((c) => `m.${c}`)
      .join(', ')} FROM json_each(?) AS j CROSS JOIN memories m ON m.seq = j.value WHERE m.tenant_id = ?`,
  );
  // The limit written into the text (see limit-statements.ts); an unused `limit` parameter is ignored.
  const recent = {
    tenant: limitStatements(
      (limit) =>
        db.prepare(`SELECT ${COLUMNS} FROM memories m WHERE ${WHERE_TENANT} ORDER BY m.created_at DESC LIMIT ${limit}`),
      '@limit',
    ),
    contact: limitStatements(
      (limit) =>
        db.prepare(
          `SELECT ${COLUMNS} FROM memories m WHERE ${WHERE_CONTACT} ORDER BY m.created_at DESC LIMIT ${limit}`,
        ),
      '@limit',
    ),
  };
  const tenantCandidates = db.prepare(`SELECT m.seq FROM memories m WHERE ${WHERE_TENANT} LIMIT @limit`).pluck();
  // Bumped by every memory write through this repository: with data_version, the stamp of its caches.
  let writes = 0;
  const dataVersion = dataVersionOf(db);
  const stamp = () => `${writes}:${dataVersion()}`;
  const contactRows = createContactRows(db, stamp);
  const keyword = {
    tenant: db.prepare(`SELECT m.seq AS seq, bm25(memories_fts) AS rank FROM memories_fts
      JOIN memories m ON m.seq = memories_fts.rowid
      WHERE memories_fts MATCH @match AND ${WHERE_TENANT} ORDER BY rank LIMIT @limit`),
    contact: db.prepare(`SELECT m.seq AS seq, bm25(memories_fts) AS rank FROM memories_fts
      JOIN memories m ON m.seq = memories_fts.rowid
      WHERE memories_fts MATCH @match AND ${WHERE_CONTACT} ORDER BY rank LIMIT @limit`),
  };
  const links = createMemoryLinks(db, stamp);
  // Rows, links and vectors by seq change only with a write to memories or their links (a vector is
  // written with its row's embedder_id), counted whatever the statement (see table-changes.ts).
  const seqStamp = tableStamp(db, ['memories', 'memory_entities']);
  const keptRecords = new SeqCache<MemoryRecord>(db, seqStamp, KEPT_PER_SEQ);
  const keptLinks = new SeqCache<MemoryEntityLink[]>(db, seqStamp, KEPT_PER_SEQ);
  const keptVectors = new SeqCache<Float32Array>(
    db,
    seqStamp,
    Math.max(256, Math.floor(KEPT_VECTOR_BYTES / (4 * vectors.dimensions))),
  );
  const keywordTerms = createKeywordSearch(db, stamp);
  const pendingStmt = db.prepare(`SELECT seq, content FROM memories
    WHERE tenant_id = ? AND (embedder_id IS NULL OR embedder_id <> ?) ORDER BY seq LIMIT ?`);
  const countPendingStmt = db.prepare(
    'SELECT count(*) AS n FROM memories WHERE embedder_id IS NULL OR embedder_id <> ?',
  );
  const markStmt = db.prepare('UPDATE memories SET embedder_id = ? WHERE tenant_id = ? AND seq = ?');
  const countStmt = db.prepare('SELECT count(*) AS n FROM memories WHERE tenant_id = ?');
  const seqsOfTenantStmt = db.prepare('SELECT seq FROM memories WHERE tenant_id = ?').pluck();
  const deleteTenantStmt = db.prepare('DELETE FROM memories WHERE tenant_id = ?');
  const countByTypeStmt = db.prepare(
    'SELECT memory_type, count(*) AS n FROM memories WHERE tenant_id = ? AND contact_id = ? GROUP BY memory_type',
  );

  const insertTx = db.transaction(
    (tenantId: string, memory: NewMemoryRecord, vector: Float32Array | undefined, embedderId: string | undefined) => {
      writes++;
      const result = insertStmt.run({
        tenant_id: tenantId,
        id: memory.id,
        contact_id: orNull(memory.contact_id ?? undefined),
        memory_type: memory.memory_type,
        content: memory.content,
        metadata: JSON.stringify(memory.metadata ?? {}),
        importance: memory.importance ?? 0.5,
        created_at: memory.created_at,
        embedder_id: vector && embedderId ? embedderId : null,
      });
      const seq = Number(result.lastInsertRowid);
      for (const link of memory.related ?? []) {
        linkStmt.run(tenantId, seq, link.entity_type, link.entity_id, link.relationship, link.strength);
      }
      if (vector) vectors.upsert(tenantId, seq, vector);
      return seq;
    },
  );

  return {
    /** Marks memories as changed by a write that did not go through this repository: drops its caches. */
    changed(): void {
      writes++;
    },
    /** Inserts a memory with its links and (when given) its vector, atomically. Returns its seq. */
    insert(tenantId: string, memory: NewMemoryRecord, vector?: Float32Array, embedderId?: string): number {
      return insertTx(tenantId, memory, vector, embedderId);
    },
    getById(tenantId: string, id: string): MemoryRecord | undefined {
      const row = byIdStmt.get(tenantId, id) as StoredMemory | undefined;
      return row ? toRecord(row) : undefined;
    },
    /** Rows for these seqs that belong to the tenant (others are silently absent). */
    getBySeqs(tenantId: string, seqs: readonly number[]): Map<number, MemoryRecord> {
      if (seqs.length === 0) return new Map();
      return keptRecords.read(tenantId, seqs, (missing) => {
        const out = new Map<number, MemoryRecord>();
        // One statement for the batch (json_each feeds the IN list) instead of one per seq.
        for (const row of bySeqsStmt.all(JSON.stringify(missing), tenantId) as StoredMemory[]) {
          out.set(row.seq, toRecord(row));
        }
        return out;
      });
    },
    /** Newest first. */
    listRecent(tenantId: string, filter: MemoryFilter, limit: number): MemoryRecord[] {
      const { statement } = (filter.contactId ? recent.contact : recent.tenant)(limit);
      return (statement.all({ ...filterParams(tenantId, filter), limit }) as StoredMemory[]).map(toRecord);
    },
    /** Seqs matching the filter, up to `limit` (callers pass limit + 1 to learn whether there are more). */
    candidateSeqs(tenantId: string, filter: MemoryFilter, limit: number): number[] {
      const { contactId } = filter;
      if (contactId) return contactRows(tenantId, { ...filter, contactId }, limit).map(([seq]) => seq);
      return tenantCandidates.all({ ...filterParams(tenantId, filter), limit }) as number[];
    },
    /** FTS5 matches (`match` is an FTS5 query) with their BM25 score, higher is better (>= 0). */
    keywordSearch(tenantId: string, match: string, filter: MemoryFilter, limit: number): ScoredSeq[] {
      const stmt = filter.contactId ? keyword.contact : keyword.tenant;
      const rows = stmt.all({ ...filterParams(tenantId, filter), match, limit }) as { seq: number; rank: number }[];
      return rows.map((row) => ({ seq: row.seq, score: -row.rank }));
    },
    /**
     * BM25 keyword search over query words with bounded work (common words dropped, contact rows
     * scored directly, tenant-wide ranking capped to the `options.window` most recent matches —
     * see keyword-search.ts). The top `limit` hits come first, then any matching `options.alsoScore`
     * rows that missed the top.
     */
    keywordSearchTerms(
      tenantId: string,
      terms: readonly KeywordTerm[],
      filter: MemoryFilter,
      limit: number,
      options?: KeywordSearchOptions,
    ): ScoredSeq[] {
      const { contactId } = filter;
      const scope = memoryScope(tenantId, filter);
      return keywordTerms.search(
        contactId ? { ...scope, rows: (cap) => contactRows(tenantId, { ...filter, contactId }, cap) } : scope,
        terms,
        limit,
        options,
      );
    },
    links(tenantId: string, seq: number): MemoryEntityLink[] {
      return links.of(tenantId, seq);
    },
    /** Links of several memories in one statement; every asked seq has an entry (maybe empty). */
    linksOfMany(tenantId: string, seqs: readonly number[]): Map<number, MemoryEntityLink[]> {
      return keptLinks.read(tenantId, seqs, (missing) => links.ofMany(tenantId, missing));
    },
    /**
     * Memories in the filter linked to each of `entities` (graph nodes), with the link's strength, in
     * one statement: at most `limitPerEntity` per entity, grouped by entity in the order given.
     */
    linkedTo(
      tenantId: string,
      entities: readonly LinkedEntity[],
      filter: MemoryFilter,
      limitPerEntity: number,
    ): EntityLinkHit[] {
      return links.linkedTo(tenantId, entities, filter, limitPerEntity);
    },
    /** Vectors by seq (callers pass seqs of one tenant, e.g. from `candidateSeqs`); shared: read only. */
    vectorsOf(seqs: readonly number[]): Map<number, Float32Array> {
      return keptVectors.read('', seqs, (missing) => vectors.read(missing));
    },
    nearest(tenantId: string, vector: Float32Array, k: number): ScoredSeq[] {
      return vectors.nearest(tenantId, vector, k).map((hit) => ({ seq: hit.seq, score: hit.similarity }));
    },
    /** Brute-force k-NN (the reference `nearest` is measured against; slower). */
    exactNearest(tenantId: string, vector: Float32Array, k: number): ScoredSeq[] {
      return vectors.exactNearest(tenantId, vector, k).map((hit) => ({ seq: hit.seq, score: hit.similarity }));
    },
    /** Memories whose vector is missing or from another embedder. */
    pendingEmbedding(tenantId: string, embedderId: string, limit: number): { seq: number; content: string }[] {
      return pendingStmt.all(tenantId, embedderId, limit) as { seq: number; content: string }[];
    },
    /** How many memories (all tenants) need (re-)embedding — a maintenance figure, no tenant data. */
    countPendingEmbedding(embedderId: string): number {
      return (countPendingStmt.get(embedderId) as { n: number }).n;
    },
    setVector(tenantId: string, seq: number, vector: Float32Array, embedderId: string): void {
      writes++;
      vectors.upsert(tenantId, seq, vector);
      markStmt.run(embedderId, tenantId, seq);
    },
    count(tenantId: string): number {
      return (countStmt.get(tenantId) as { n: number }).n;
    },
    /** Deletes every memory of the tenant with its vectors and links. */
    deleteTenant(tenantId: string): number {
      writes++;
      return db.transaction(() => {
        const seqs = seqsOfTenantStmt.all(tenantId) as number[];
        for (const seq of seqs) vectors.remove(seq);
        deleteTenantStmt.run(tenantId);
        return seqs.length;
      })();
    },
    countByType(tenantId: string, contactId: string): Record<string, number> {
      const rows = countByTypeStmt.all(tenantId, contactId) as { memory_type: string; n: number }[];
      return Object.fromEntries(rows.map((row) => [row.memory_type, row.n]));
    },
  };
}
export type MemoryRepository = ReturnType<typeof createMemoryRepository>;
