import type { Database } from 'better-sqlite3';
import { filterParams, type MemoryFilter, WHERE_CONTACT } from './memory-scope.js';
import { StampedCache } from './stamped-cache.js';

/** A memory of a contact as search reads it: `[seq, content, created_at]`. */
export type ContactRow = readonly [seq: number, content: string, createdAt: string];

/** Contacts (with their type filters) remembered per store. */
const CACHE_ENTRIES = 256;
/** Longer lists are read each time rather than kept (at most 64k rows kept in all). */
const MAX_CACHED_ROWS = 256;

/**
 * One contact's memories in a filter, in index order (created_at, seq): what a contact search reads
 * for exact vector scoring (the seqs) and BM25 scoring (the contents). The list for the filter's
 * types is kept while `stamp()` (memory writes of this process + data_version) is unchanged, and the
 * lookback (`since`, a new instant on every search) is applied to it here — so a steady
 * conversation's searches skip re-reading the same rows; a write of a memory drops every kept list.
 */
export function createContactRows(db: Database, stamp: () => string) {
  const rowsSql = (limit: string) => `SELECT m.seq, m.content, m.created_at FROM memories m WHERE ${WHERE_CONTACT}
      ORDER BY m.created_at, m.seq LIMIT ${limit}`;
  const stmt = db.prepare(rowsSql('@limit')).raw(true);
  // The kept list's read, its limit written in: a bound LIMIT re-plans the statement on every run on
  // this SQLite (3.53 with STAT4).
  const keptStmt = db.prepare(rowsSql(String(MAX_CACHED_ROWS + 1))).raw(true);
  const cache = new StampedCache<readonly ContactRow[]>(CACHE_ENTRIES);

  /** All rows of the contact for the filter's types when there are at most MAX_CACHED_ROWS, else undefined. */
  function kept(tenantId: string, filter: MemoryFilter): readonly ContactRow[] | undefined {
    const params = filterParams(tenantId, { ...filter, since: undefined });
    const key = JSON.stringify([params.tenant, params.contact, params.types, params.excluded]);
    const now = stamp();
    const cached = cache.get(key, now);
    if (cached) return cached;
    const rows = keptStmt.all(params) as ContactRow[];
    if (rows.length > MAX_CACHED_ROWS) return undefined;
    cache.set(key, now, rows);
    return rows;
  }

  /** The first `limit` rows of the contact named by `filter.contactId` (callers pass limit + 1 to learn whether there are more). */
  return (tenantId: string, filter: MemoryFilter & { contactId: string }, limit: number): readonly ContactRow[] => {
    const all = kept(tenantId, filter);
    if (!all) return stmt.all({ ...filterParams(tenantId, filter), limit }) as ContactRow[];
    const { since } = filter;
    const rows = since === undefined ? all : all.filter((row) => row[2] >= since);
    return rows.length > limit ? rows.slice(0, limit) : rows;
  };
}
export type ContactRows = ReturnType<typeof createContactRows>;
