import type { Database } from 'better-sqlite3';
import { filterParams, type MemoryFilter, WHERE_CONTACT } from './memory-scope.js';
import { StampedCache } from './stamped-cache.js';

/** A memory of a contact as search reads it: `[seq, content]`. */
export type ContactRow = readonly [seq: number, content: string];

/** Contacts (with their filters) remembered per store. */
const CACHE_ENTRIES = 500;
/** Longer lists are read each time rather than kept (bounds the cache to ~250k short rows). */
const MAX_CACHED_ROWS = 500;

/**
 * One contact's memories in a filter, in index order (created_at, seq): what a contact search reads
 * for exact vector scoring (the seqs) and BM25 scoring (the contents). Kept while `stamp()` (memory
 * writes of this process + data_version) is unchanged, so a steady conversation's searches skip
 * re-reading the same rows; a write of a memory anywhere drops every kept list.
 */
export function createContactRows(db: Database, stamp: () => string) {
  const stmt = db.prepare(`SELECT m.seq, m.content FROM memories m WHERE ${WHERE_CONTACT} LIMIT @limit`).raw(true);
  const cache = new StampedCache<readonly ContactRow[]>(CACHE_ENTRIES);
  /** The first `limit` rows of the contact named by `filter.contactId` (callers pass limit + 1 to learn whether there are more). */
  return (tenantId: string, filter: MemoryFilter & { contactId: string }, limit: number): readonly ContactRow[] => {
    const params = filterParams(tenantId, filter);
    const key = JSON.stringify([params.tenant, params.contact, params.types, params.excluded, params.since, limit]);
    const now = stamp();
    const cached = cache.get(key, now);
    if (cached) return cached;
    const rows = stmt.all({ ...params, limit }) as ContactRow[];
    if (rows.length <= MAX_CACHED_ROWS) cache.set(key, now, rows);
    return rows;
  };
}
export type ContactRows = ReturnType<typeof createContactRows>;
