import type { Statement } from 'better-sqlite3';
import { mayKeepReads } from '../../store/data-version.js';
import { deepFreeze } from '../../store/deep-freeze.js';
import type { CrmStore, MemoryFilter } from '../../store/index.js';
import { StampedCache } from '../../store/repositories/stamped-cache.js';
import { tableStamp } from '../../store/table-changes.js';
import type { SearchMemoriesResult } from '../memory-backend.js';

/** Searches whose results are kept (a few KB each). */
const KEPT_SEARCHES = 256;

/** What a search's ranking reads: memories (with their FTS rows and vectors), their links, the graph. */
const SEARCHED_TABLES = ['memories', 'memory_entities', 'graph_nodes', 'graph_edges'] as const;

/** A search's result without its clock reading: what repeats for the same search of the same data. */
export type KeptSearch = Omit<SearchMemoriesResult, 'search_latency_ms'>;

interface Entry {
  /** The lookback bound the result was ranked under. */
  since: string | undefined;
  /**
   * created_at of the oldest memory in scope (the contact's, else the tenant's) at or after `since`
   * (null: none), read at the entry's first hit with a later bound (the data is the ranked data while
   * the stamp holds; a search never repeated costs no read). A later bound up to it lets the same
   * memories through, so no probe is needed until it passes it.
   */
  oldest?: string | null;
  result: KeptSearch;
}

/**
 * Results of recent searches, each kept until a table its ranking reads is written (by any statement
 * of this connection, or a commit of another: see tableStamp). A steady conversation searches the same
 * words for the same contact on every turn (its memory context, then its agent's search_memory), and
 * the memories rarely change in between.
 *
 * The key (`search` below) must hold everything the ranking depends on but the lookback: tenant, the
 * whole query, the filter, the weights in force (an embedding outage drops the vector's), the keyword
 * window. The lookback's `since` is a new instant on every search; every signal sees the filter only
 * as the set of memories passing it, so a result ranked under another `since` is the same when no
 * memory in scope (the contact's, else the tenant's) was created between the two instants — one
 * indexed probe instead of a search. Nothing is kept inside a transaction of this connection (its
 * writes may roll back); kept results are frozen (shared by every caller).
 */
export class SearchMemo {
  private readonly entries: StampedCache<Entry>;
  private readonly stamp: () => string;
  private readonly between: { contact: Statement; tenant: Statement };
  private readonly oldest: { contact: Statement; tenant: Statement };

  constructor(
    private readonly store: CrmStore,
    maxEntries = KEPT_SEARCHES,
  ) {
    this.entries = new StampedCache<Entry>(maxEntries);
    this.stamp = tableStamp(store.db, SEARCHED_TABLES);
    // Same comparison as the filters' `m.created_at >= @since` (ISO text), on the two created_at indexes.
    this.between = {
      contact: store.db
        .prepare(
          'SELECT 1 FROM memories WHERE tenant_id = ? AND contact_id = ? AND created_at >= ? AND created_at < ? LIMIT 1',
        )
        .pluck(),
      tenant: store.db
        .prepare('SELECT 1 FROM memories WHERE tenant_id = ? AND created_at >= ? AND created_at < ? LIMIT 1')
        .pluck(),
    };
    this.oldest = {
      contact: store.db
        .prepare('SELECT min(created_at) FROM memories WHERE tenant_id = ? AND contact_id = ? AND created_at >= ?')
        .pluck(),
      tenant: store.db.prepare('SELECT min(created_at) FROM memories WHERE tenant_id = ? AND created_at >= ?').pluck(),
    };
  }

  /**
   * The kept result of the search `key` names under `filter` of `tenantId`, while its tables are
   * unchanged and the lookback selects the same memories; else `search()` (then kept).
   */
  read(tenantId: string, key: string, filter: MemoryFilter, search: () => KeptSearch): KeptSearch {
    const stamp = this.stamp();
    const kept = this.entries.get(key, stamp);
    if (kept && this.sameScope(tenantId, filter, kept)) return kept.result;
    const result = search();
    if (mayKeepReads(this.store.db)) this.entries.set(key, stamp, { since: filter.since, result: deepFreeze(result) });
    return result;
  }

  /** Whether `filter.since` and the kept entry's bound let the same memories through (none created in between). */
  private sameScope(tenantId: string, filter: MemoryFilter, kept: Entry): boolean {
    const { since } = filter;
    const keptSince = kept.since;
    if (since === keptSince) return true;
    if (since === undefined || keptSince === undefined) return false;
    if (since > keptSince) {
      // The usual case, the bound moved forward with the clock: the same memories pass while it has
      // not passed the oldest one the kept bound let through.
      kept.oldest ??= this.oldestFrom(tenantId, filter.contactId, keptSince);
      return kept.oldest === null || since <= kept.oldest;
    }
    // Moved back (a clock set back): the same unless a memory was created in between.
    const found = filter.contactId
      ? this.between.contact.get(tenantId, filter.contactId, since, keptSince)
      : this.between.tenant.get(tenantId, since, keptSince);
    return found === undefined;
  }

  /** created_at of the oldest memory in scope (the contact's, else the tenant's) at or after `since`; null: none. */
  private oldestFrom(tenantId: string, contactId: string | undefined, since: string): string | null {
    const oldest = contactId
      ? this.oldest.contact.get(tenantId, contactId, since)
      : this.oldest.tenant.get(tenantId, since);
    return typeof oldest === 'string' ? oldest : null;
  }
}
