import type { Database, Statement } from 'better-sqlite3';

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
  /** With `contactId`: the contact's first `cap` rows `[seq, content]` in scope (default: read here). */
  rows?: (cap: number) => ReadonlyArray<readonly [seq: number, content: string, ...rest: unknown[]]>;
}

/** By default, rank only the this-many most recent FTS matches (see `search`). */
export const KEYWORD_WINDOW = 5000;

/** Optional bounds of one keyword search. */
export interface KeywordSearchOptions {
  /**
   * Rank only the this-many most recent matches of the scope (default KEYWORD_WINDOW;
   * `Infinity` ranks every match — the reference the window is measured against).
   */
  window?: number;
  /**
   * Also return the BM25 score of these seqs (when in scope and matching), even when they are
   * older than the window or below the top `limit` — e.g. the vector hits of a hybrid search, so
   * their keyword evidence is not lost to the window. At most MAX_ALSO_SCORE are looked at.
   */
  alsoScore?: readonly number[];
}

const MAX_ALSO_SCORE = 500;
/** A contact with up to this many memories is scored in JS over its own rows. */
const CONTACT_SCAN_LIMIT = 5000;
/** Document-frequency counts are reused until the memory count drifts by this share. */
const DF_DRIFT = 0.05;
const DF_CACHE_SIZE = 2000;
/** Document-frequency statements kept (one per cap; the cap moves with the memory count). */
const DF_STATEMENTS = 4;
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

interface WeightedTerm {
  term: KeywordTerm;
  idf: number;
}

/** FTS5's bm25() of one document's tokens (positive: higher is better; 0 = no term matched). */
function bm25(tokens: readonly string[], terms: readonly WeightedTerm[], avgdl: number): number {
  let score = 0;
  for (const { term, idf } of terms) {
    let tf = 0;
    for (const token of tokens) {
      if (term.prefix ? token.startsWith(term.text) : token === term.text) tf++;
    }
    if (tf > 0) score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * tokens.length) / avgdl));
  }
  return score;
}

/** Reads one SQLite/FTS5 varint at `offset`; returns the value and the next offset. */
function readVarint(bytes: Uint8Array, offset: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = bytes[offset + i] ?? 0;
    if (i === 8) return [value * 256 + byte, offset + 9];
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, offset + i + 1];
  }
  return [value, offset + 9];
}

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
 * - Tenant-wide, only the `window` most recent matches (highest seq) are ranked, in one statement:
 *   FTS5 walks rowids newest first and stops at the window (cheap with the prefix index of
 *   migration 003), and bm25 (~1 µs per row) runs on those rows only.
 * - `alsoScore` rows are scored here with FTS5's formula and the corpus' own average length, so
 *   their scores are on the same scale as FTS5's.
 *
 * Ties rank the newer memory first.
 */
export function createKeywordSearch(db: Database, stamp: () => string) {
  const totalStmt = db.prepare('SELECT count(*) FROM memories').pluck();
  let total: { stamp: string; count: number } | undefined;
  /** The memory count, read again only when `stamp()` says memories changed. */
  function memoryCount(): number {
    const now = stamp();
    if (total?.stamp !== now) total = { stamp: now, count: totalStmt.get() as number };
    return total.count;
  }
  // The cap is written into the statement, one per cap (it moves only with the memory count): a bound
  // LIMIT cost a re-plan of the statement on every run on this SQLite (3.53, STAT4), and a new word
  // (every message has some) is counted once.
  const dfStmts = new Map<number, Statement>();
  const dfStmtOf = (cap: number): Statement => {
    let stmt = dfStmts.get(cap);
    if (!stmt) {
      stmt = db
        .prepare(`SELECT count(*) FROM (SELECT 1 FROM memories_fts WHERE memories_fts MATCH ? LIMIT ${cap})`)
        .pluck();
      if (dfStmts.size >= DF_STATEMENTS) dfStmts.delete(dfStmts.keys().next().value as number);
      dfStmts.set(cap, stmt);
    }
    return stmt;
  };
  // FTS5's "averages" record (rowid 1): varint row count, then varint token count per column.
  const averagesStmt = db.prepare('SELECT block FROM memories_fts_data WHERE id = 1').pluck();
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
    const docs = dfStmtOf(Math.floor(total / 2) + 1).get(key) as number;
    if (dfCache.size >= DF_CACHE_SIZE) dfCache.delete(dfCache.keys().next().value as string);
    dfCache.set(key, { docs, total });
    return docs;
  }

  /** The average document length FTS5's bm25 uses (tokens per row over the whole table). */
  function corpusAvgdl(): number {
    const block = averagesStmt.get() as Uint8Array | undefined;
    if (!block) return 1;
    const [rows, next] = readVarint(block, 0);
    const [tokens] = readVarint(block, next);
    return rows > 0 && tokens > 0 ? tokens / rows : 1;
  }

  // Tokens per contact row: the rows contact-rows.ts keeps are the same tuples from one search to
  // the next while the memories are unchanged, so each content is tokenized once.
  const rowTokens = new WeakMap<object, string[]>();
  const tokensOf = (row: readonly [number, string, ...unknown[]]): string[] => {
    let tokens = rowTokens.get(row);
    if (!tokens) {
      tokens = ftsTokens(row[1]);
      rowTokens.set(row, tokens);
    }
    return tokens;
  };

  function scoreContact(
    scope: KeywordScope,
    terms: readonly WeightedTerm[],
    limit: number,
    alsoScore: ReadonlySet<number>,
  ): KeywordHit[] | undefined {
    const rows =
      scope.rows?.(CONTACT_SCAN_LIMIT + 1) ??
      (prepared(`SELECT m.seq, m.content FROM memories m WHERE ${scope.where} LIMIT @cap`)
        .raw(true)
        .all({ ...scope.params, cap: CONTACT_SCAN_LIMIT + 1 }) as [number, string][]);
    if (rows.length > CONTACT_SCAN_LIMIT) return undefined;
    const docs = rows.map((row) => ({ seq: row[0], tokens: tokensOf(row) }));
    const avgdl = docs.reduce((sum, d) => sum + d.tokens.length, 0) / Math.max(1, docs.length) || 1;
    const hits: KeywordHit[] = [];
    for (const doc of docs) {
      const score = bm25(doc.tokens, terms, avgdl);
      if (score > 0) hits.push({ seq: doc.seq, score });
    }
    hits.sort((a, b) => b.score - a.score || b.seq - a.seq);
    return [...hits.slice(0, limit), ...hits.slice(limit).filter((h) => alsoScore.has(h.seq))];
  }

  /** BM25 of the given rows that are in scope and match, FTS5-equivalent. */
  function scoreSeqs(scope: KeywordScope, terms: readonly WeightedTerm[], seqs: readonly number[]): KeywordHit[] {
    if (seqs.length === 0) return [];
    // CROSS JOIN: look each seq up by key instead of scanning the scope.
    const rows = prepared(
      `SELECT m.seq, m.content FROM json_each(@seqs) AS j CROSS JOIN memories m ON m.seq = j.value
        WHERE ${scope.where}`,
    )
      .raw(true)
      .all({ ...scope.params, seqs: JSON.stringify(seqs) }) as [number, string][];
    const avgdl = corpusAvgdl();
    const hits: KeywordHit[] = [];
    for (const [seq, content] of rows) {
      const score = bm25(ftsTokens(content), terms, avgdl);
      if (score > 0) hits.push({ seq, score });
    }
    return hits;
  }

  return {
    /**
     * The top `limit` memories of the scope for these terms (BM25, best first), followed by the
     * matching `alsoScore` rows that did not make the top.
     */
    search(
      scope: KeywordScope,
      rawTerms: readonly KeywordTerm[],
      limit: number,
      options: KeywordSearchOptions = {},
    ): KeywordHit[] {
      const seen = new Set<string>();
      const terms = rawTerms
        .map((t) => ({ text: t.text.toLowerCase().replace(/[^a-z0-9]/g, ''), prefix: t.prefix }))
        .filter((t) => t.text.length > 0 && !seen.has(phrase(t)) && seen.add(phrase(t)));
      if (terms.length === 0) return [];
      const total = memoryCount();
      const counted = terms.map((term) => ({ term, docs: docsWith(term, total) }));
      const informative = counted.filter((c) => c.docs * 2 <= total && c.docs > 0);
      const kept = informative.length > 0 ? informative : counted.filter((c) => c.docs > 0);
      if (kept.length === 0) return [];
      const weighted = kept.map((c) => ({ term: c.term, idf: bm25Idf(total, c.docs) }));
      const alsoScore = new Set((options.alsoScore ?? []).slice(0, MAX_ALSO_SCORE));

      if (scope.contactId) {
        const scored = scoreContact(scope, weighted, limit, alsoScore);
        if (scored) return scored;
      }
      const window = options.window ?? KEYWORD_WINDOW;
      // The newest `window` matches (FTS5 walks rowids descending without scoring), then bm25 on
      // those only. LIMIT -1 is SQLite's "no limit".
      const rows = prepared(
        `SELECT seq, rank FROM (
           SELECT m.seq AS seq, bm25(memories_fts) AS rank
             FROM memories_fts JOIN memories m ON m.seq = memories_fts.rowid
            WHERE memories_fts MATCH @match AND ${scope.where}
            ORDER BY memories_fts.rowid DESC LIMIT @window)
         ORDER BY rank, seq DESC LIMIT @limit`,
      ).all({
        ...scope.params,
        match: kept.map((c) => phrase(c.term)).join(' OR '),
        window: Number.isFinite(window) ? Math.max(1, Math.floor(window)) : -1,
        limit,
      }) as { seq: number; rank: number }[];
      const hits = rows.map((row) => ({ seq: row.seq, score: -row.rank }));
      const found = new Set(hits.map((h) => h.seq));
      const missing = [...alsoScore].filter((seq) => !found.has(seq));
      return [...hits, ...scoreSeqs(scope, weighted, missing).sort((a, b) => b.score - a.score || b.seq - a.seq)];
    },
  };
}
export type KeywordSearch = ReturnType<typeof createKeywordSearch>;
