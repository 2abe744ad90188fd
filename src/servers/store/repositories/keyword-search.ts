import type { Database } from 'better-sqlite3';

/** One query word: matched whole, or (prefix) as the start of a word. Letters a-z and digits only. */
export interface KeywordTerm {
  text: string;
  prefix: boolean;
}

export interface KeywordHit {
  seq: number;
  /** BM25, higher is better (>= 0). */
  score: number;
}

/** The filtered SQL a keyword search runs against (`m` = memories), with its named parameters. */
export interface KeywordScope {
  where: string;
  params: Record<string, unknown>;
  contactId?: string;
}

/** Above this many FTS matches, rank only the most recent ones (see `search`). */
export const KEYWORD_WINDOW = 5000;
/** A contact with up to this many memories is scored in JS over its own rows. */
const CONTACT_SCAN_LIMIT = 5000;
/** Document-frequency counts are reused until the memory count drifts by this share. */
const DF_DRIFT = 0.05;
const DF_CACHE_SIZE = 2000;
// FTS5's bm25() constants.
const K1 = 1.2;
const B = 0.75;

/** Tokens as FTS5's `unicode61 remove_diacritics 2` tokenizer sees them (close enough for scoring). */
export function ftsTokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const phrase = (term: KeywordTerm) => `"${term.text}"${term.prefix ? '*' : ''}`;

/** FTS5's idf: log((N - n + 0.5) / (n + 0.5)), clamped to 1e-6 when not positive. */
export function bm25Idf(total: number, docs: number): number {
  const idf = Math.log((total - docs + 0.5) / (docs + 0.5));
  return idf > 0 ? idf : 1e-6;
}

/**
 * Keyword (BM25) search over `memories_fts` with bounded work:
 *
 * - Terms in more than half of all memories are dropped while another term remains: FTS5's bm25
 *   clamps their idf to 1e-6, so they change no ranking — but scoring them means decoding every row
 *   (the synthetic "cliente" is in all 100k). Document frequencies are counted once and cached.
 * - With a contact filter, that contact's rows (few) are scored here with FTS5's BM25 formula and
 *   corpus-wide idf (length normalised against the contact's own average length), instead of
 *   walking every FTS match of the tenant.
 * - Tenant-wide, when the terms match more than KEYWORD_WINDOW rows, only the KEYWORD_WINDOW most
 *   recent matches (highest seq) are ranked: bm25 costs ~1 µs per matching row.
 */
export function createKeywordSearch(db: Database) {
  const totalStmt = db.prepare('SELECT count(*) FROM memories').pluck();
  const dfStmt = db
    .prepare('SELECT count(*) FROM (SELECT 1 FROM memories_fts WHERE memories_fts MATCH ? LIMIT ?)')
    .pluck();
  const dfCache = new Map<string, { docs: number; total: number }>();
  const statements = new Map<string, ReturnType<Database['prepare']>>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };

  /** Rows matching the term, exact up to half of `total` (beyond that only "more than half" matters). */
  function docsWith(term: KeywordTerm, total: number): number {
    const key = phrase(term);
    const cached = dfCache.get(key);
    if (cached && Math.abs(cached.total - total) <= cached.total * DF_DRIFT) return cached.docs;
    const docs = dfStmt.get(key, Math.floor(total / 2) + 1) as number;
    if (dfCache.size >= DF_CACHE_SIZE) dfCache.delete(dfCache.keys().next().value as string);
    dfCache.set(key, { docs, total });
    return docs;
  }

  function scoreContact(
    scope: KeywordScope,
    terms: readonly { term: KeywordTerm; idf: number }[],
    limit: number,
  ): KeywordHit[] | undefined {
    const rows = prepared(`SELECT m.seq, m.content FROM memories m WHERE ${scope.where} LIMIT @cap`)
      .raw(true)
      .all({ ...scope.params, cap: CONTACT_SCAN_LIMIT + 1 }) as [number, string][];
    if (rows.length > CONTACT_SCAN_LIMIT) return undefined;
    const docs = rows.map(([seq, content]) => ({ seq, tokens: ftsTokens(content) }));
    const avgdl = docs.reduce((sum, d) => sum + d.tokens.length, 0) / Math.max(1, docs.length) || 1;
    const hits: KeywordHit[] = [];
    for (const doc of docs) {
      let score = 0;
      for (const { term, idf } of terms) {
        let tf = 0;
        for (const token of doc.tokens) {
          if (term.prefix ? token.startsWith(term.text) : token === term.text) tf++;
        }
        if (tf > 0) score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.tokens.length) / avgdl));
      }
      if (score > 0) hits.push({ seq: doc.seq, score });
    }
    return hits.sort((a, b) => b.score - a.score || b.seq - a.seq).slice(0, limit);
  }

  return {
    search(scope: KeywordScope, rawTerms: readonly KeywordTerm[], limit: number): KeywordHit[] {
      const seen = new Set<string>();
      const terms = rawTerms
        .map((t) => ({ text: t.text.toLowerCase().replace(/[^a-z0-9]/g, ''), prefix: t.prefix }))
        .filter((t) => t.text.length > 0 && !seen.has(phrase(t)) && seen.add(phrase(t)));
      if (terms.length === 0) return [];
      const total = totalStmt.get() as number;
      const counted = terms.map((term) => ({ term, docs: docsWith(term, total) }));
      const informative = counted.filter((c) => c.docs * 2 <= total && c.docs > 0);
      const kept = informative.length > 0 ? informative : counted.filter((c) => c.docs > 0);
      if (kept.length === 0) return [];

      if (scope.contactId) {
        const scored = scoreContact(
          scope,
          kept.map((c) => ({ term: c.term, idf: bm25Idf(total, c.docs) })),
          limit,
        );
        if (scored) return scored;
      }
      const match = kept.map((c) => phrase(c.term)).join(' OR ');
      const from = 'memories_fts JOIN memories m ON m.seq = memories_fts.rowid';
      const params = { ...scope.params, match, limit };
      let floor = 0;
      if (kept.reduce((sum, c) => sum + c.docs, 0) > KEYWORD_WINDOW) {
        // The KEYWORD_WINDOW-th newest match: FTS5 walks rowids in descending order without scoring.
        const edge = prepared(
          `SELECT m.seq FROM ${from} WHERE memories_fts MATCH @match AND ${scope.where}
            ORDER BY memories_fts.rowid DESC LIMIT 1 OFFSET ${KEYWORD_WINDOW - 1}`,
        )
          .pluck()
          .get(params) as number | undefined;
        floor = edge ?? 0;
      }
      const rows = prepared(
        `SELECT m.seq AS seq, bm25(memories_fts) AS rank FROM ${from}
          WHERE memories_fts MATCH @match AND memories_fts.rowid >= @floor AND ${scope.where}
          ORDER BY rank LIMIT @limit`,
      ).all({ ...params, floor }) as { seq: number; rank: number }[];
      return rows.map((row) => ({ seq: row.seq, score: -row.rank }));
    },
  };
}
export type KeywordSearch = ReturnType<typeof createKeywordSearch>;
