/**
 * Migration 003: a prefix index on `memories_fts`.
 *
 * Without one, FTS5 answers a prefix term such as `"fisc"*` by reading and merging the full doclist
 * of every indexed word with that prefix before returning its first row, so even a "newest 5000
 * matches" query pays for all matches. With `prefix='4 5 6'` a prefix term of 4, 5 or 6 characters
 * reads one stored doclist, in rowid order, and stops early. `toFtsTerms` (memory server) emits
 * prefixes of exactly these lengths — keep the two in step (see FTS_PREFIX_LENGTHS).
 *
 * FTS5 cannot add a prefix index to an existing table: the table is dropped, created again with the
 * same columns and tokenizer, and rebuilt from `memories` (external content; ~0.5 s per 100k rows).
 * The sync triggers of migration 002 name the table, not its definition, so they keep working.
 */
export const FTS_PREFIX_INDEX_SQL = `
DROP TABLE memories_fts;
CREATE VIRTUAL TABLE memories_fts USING fts5(
  content,
  content = 'memories',
  content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '4 5 6'
);
INSERT INTO memories_fts (memories_fts) VALUES ('rebuild');
`;

/** Prefix lengths (in characters) `memories_fts` indexes since migration 003. */
export const FTS_PREFIX_LENGTHS: readonly number[] = [4, 5, 6];
