import type { Database } from 'better-sqlite3';
import { filterParams, type MemoryFilter, WHERE_CONTACT, WHERE_TENANT } from './memory-scope.js';
import { StampedCache } from './stamped-cache.js';

/** A memory's link to a graph entity (the proto's Memory.related). */
export interface MemoryEntityLink {
  entity_type: string;
  entity_id: string;
  relationship: string;
  strength: number;
}

/** One memory linked to the `entity`-th entity asked for, with the link's strength. */
export interface EntityLinkHit {
  entity: number;
  seq: number;
  strength: number;
}

/** A graph entity asked about, by (type, id). */
export interface LinkedEntity {
  type: string;
  id: string;
}

/** A contact's link in the order its memories are read: `[seq, entity_type, entity_id, strength, created_at]`. */
type ContactLink = readonly [seq: number, entityType: string, entityId: string, strength: number, createdAt: string];

/** Contacts (with their type filters) whose links are remembered. */
const CONTACT_CACHE_ENTRIES = 256;
/** A contact with more links than this is answered in SQL each time instead of kept (128k links kept at most). */
const MAX_CACHED_LINKS = 512;

/**
 * Reads of `memory_entities`: the links of memories, and the memories linked to entities — each in
 * one statement however many memories or entities are asked for. A contact's links are kept while
 * `stamp()` (memory writes + data_version; links are written with their memory) is unchanged.
 */
export function createMemoryLinks(db: Database, stamp: () => string) {
  // `+tenant_id`: keeps the planner on the (memory_seq, …) key instead of scanning the tenant's links.
  const linksOfStmt = db.prepare(
    'SELECT entity_type, entity_id, relationship, strength FROM memory_entities WHERE +tenant_id = ? AND memory_seq = ?',
  );
  const linksOfManyStmt = db.prepare(`SELECT memory_seq, entity_type, entity_id, relationship, strength
    FROM memory_entities WHERE +tenant_id = ? AND memory_seq IN (SELECT value FROM json_each(?))`);
  // MATERIALIZED: the entity list is parsed once (and, with a contact, indexed for the join) instead
  // of once per link.
  const wanted = `WITH wanted AS MATERIALIZED (
      SELECT key AS pos, value ->> 0 AS entity_type, value ->> 1 AS entity_id FROM json_each(@entities))`;
  // Per entity, the first `@limit` links in a fixed order. With a contact: one pass over that contact's
  // memories (the loop order pinned) and their links, in (created_at, seq, relationship) order.
  // Tenant-wide an entity may have thousands of links, so each entity's read stops at `@limit` (a
  // correlated LIMIT whose link row ids are carried out through json_each), in link order (rowid).
  const linkedTo = {
    contact: db
      .prepare(`${wanted}
      SELECT pos, seq, strength FROM (
        SELECT w.pos AS pos, m.seq AS seq, e.strength AS strength,
               row_number() OVER (PARTITION BY w.pos ORDER BY m.created_at, m.seq, e.relationship) AS rn
          FROM memories m
          CROSS JOIN memory_entities e ON e.memory_seq = m.seq
          CROSS JOIN wanted w ON w.entity_type = e.entity_type AND w.entity_id = e.entity_id
         WHERE ${WHERE_CONTACT})
      WHERE rn <= @limit ORDER BY pos, rn`)
      .raw(true),
    tenant: db
      .prepare(`${wanted}, picked AS (
        SELECT w.pos AS pos, j.key AS rn, j.value AS link FROM wanted w, json_each((
          SELECT json_group_array(rid) FROM (
            SELECT e.rowid AS rid FROM memory_entities e JOIN memories m ON m.seq = e.memory_seq
             WHERE e.tenant_id = @tenant AND e.entity_type = w.entity_type AND e.entity_id = w.entity_id
               AND ${WHERE_TENANT}
             ORDER BY e.rowid LIMIT @limit))) j)
      SELECT p.pos, e.memory_seq, e.strength
        FROM picked p CROSS JOIN memory_entities e ON e.rowid = p.link ORDER BY p.pos, p.rn`)
      .raw(true),
  };

  // Index order: (created_at, seq) from memories_by_contact, then each memory's key order. The limit
  // is written in (a bound LIMIT re-plans the statement on every run on this SQLite, 3.53 with STAT4).
  const contactLinksStmt = db
    .prepare(`SELECT m.seq, e.entity_type, e.entity_id, e.strength, m.created_at
      FROM memories m CROSS JOIN memory_entities e ON e.memory_seq = m.seq
     WHERE ${WHERE_CONTACT}
     ORDER BY m.created_at, m.seq, e.entity_type, e.entity_id, e.relationship
     LIMIT ${MAX_CACHED_LINKS + 1}`)
    .raw(true);
  const contactLinksCache = new StampedCache<readonly ContactLink[]>(CONTACT_CACHE_ENTRIES);

  /**
   * The contact's links for the filter's types in memory order (per entity: created_at, seq,
   * relationship), or undefined when too many to keep. The lookback (`since`) is applied by callers.
   */
  function contactLinks(tenantId: string, filter: MemoryFilter): readonly ContactLink[] | undefined {
    const params = filterParams(tenantId, { ...filter, since: undefined });
    const key = JSON.stringify([params.tenant, params.contact, params.types, params.excluded]);
    const now = stamp();
    const cached = contactLinksCache.get(key, now);
    if (cached) return cached;
    const rows = contactLinksStmt.all(params) as ContactLink[];
    if (rows.length > MAX_CACHED_LINKS) return undefined;
    contactLinksCache.set(key, now, rows);
    return rows;
  }

  /** linkedTo over a contact's kept links: per entity (in the order asked), its first `limit` links. */
  function linkedFromContactLinks(
    links: readonly ContactLink[],
    entities: readonly LinkedEntity[],
    since: string | undefined,
    limit: number,
  ): EntityLinkHit[] {
    const position = new Map(entities.map((e, i) => [`${e.type}\u0000${e.id}`, i]));
    const perEntity = entities.map((): EntityLinkHit[] => []);
    for (const [seq, type, id, strength, createdAt] of links) {
      if (since !== undefined && createdAt < since) continue;
      const entity = position.get(`${type}\u0000${id}`);
      if (entity === undefined) continue;
      const hits = perEntity[entity] as EntityLinkHit[];
      if (hits.length < limit) hits.push({ entity, seq, strength });
    }
    return perEntity.flat();
  }

  return {
    /** The links of one memory. */
    of(tenantId: string, seq: number): MemoryEntityLink[] {
      return linksOfStmt.all(tenantId, seq) as MemoryEntityLink[];
    },
    /** Links of several memories in one statement; every asked seq has an entry (maybe empty). */
    ofMany(tenantId: string, seqs: readonly number[]): Map<number, MemoryEntityLink[]> {
      const out = new Map<number, MemoryEntityLink[]>(seqs.map((seq) => [seq, []]));
      if (seqs.length === 0) return out;
      const rows = linksOfManyStmt.all(tenantId, JSON.stringify(seqs)) as (MemoryEntityLink & { memory_seq: number })[];
      for (const { memory_seq, ...link } of rows) out.get(memory_seq)?.push(link);
      return out;
    },
    /**
     * Memories in the filter linked to each of the entities (graph nodes, by handle): at most
     * `limitPerEntity` per entity, grouped by entity in the order given; within an entity the
     * contact's memories oldest first (with a contact filter), else the links in the order written.
     */
    linkedTo(
      tenantId: string,
      entities: readonly LinkedEntity[],
      filter: MemoryFilter,
      limitPerEntity: number,
    ): EntityLinkHit[] {
      if (entities.length === 0) return [];
      const kept = filter.contactId ? contactLinks(tenantId, filter) : undefined;
      if (kept) return linkedFromContactLinks(kept, entities, filter.since, limitPerEntity);
      const rows = (filter.contactId ? linkedTo.contact : linkedTo.tenant).all({
        ...filterParams(tenantId, filter),
        entities: JSON.stringify(entities.map((e) => [e.type, e.id])),
        limit: limitPerEntity,
      }) as [number, number, number][];
      return rows.map(([entity, seq, strength]) => ({ entity, seq, strength }));
    },
  };
}
export type MemoryLinks = ReturnType<typeof createMemoryLinks>;
