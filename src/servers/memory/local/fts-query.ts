import { contentWords } from '../../../shared/index.js';
import { FTS_PREFIX_LENGTHS, type KeywordTerm } from '../../store/index.js';

const MAX_TERMS = 16;
// Stems are cut to a length the FTS prefix index holds (migration 003): any other length makes
// FTS5 merge the doclists of every word with that prefix.
const MIN_STEM = Math.min(...FTS_PREFIX_LENGTHS);
const MAX_STEM = Math.max(...FTS_PREFIX_LENGTHS);

/**
 * Turns free text into keyword terms: content words, letters and digits only. Words of 5+ letters
 * match by prefix of their stem (the word less 3 letters, kept within 4..6 letters), which catches
 * PT-BR inflections ("cancelar" → cance* matches "cancelamento"; "integração" → integr* matches
 * "integrar"). At most 16 terms, no duplicates.
 */
export function toFtsTerms(text: string): KeywordTerm[] {
  const terms = new Map<string, KeywordTerm>();
  for (const word of contentWords(text)) {
    const clean = word.replace(/[^a-z0-9]/g, '');
    if (clean.length < 2) continue;
    const term =
      clean.length >= 5
        ? { text: clean.slice(0, Math.min(MAX_STEM, Math.max(MIN_STEM, clean.length - 3))), prefix: true }
        : { text: clean, prefix: false };
    terms.set(`${term.text}${term.prefix ? '*' : ''}`, term);
    if (terms.size >= MAX_TERMS) break;
  }
  return [...terms.values()];
}

/**
 * The same terms as an FTS5 query: OR-ed, each quoted (so no user text is read as FTS syntax).
 * Returns undefined when nothing is left.
 */
export function toFtsQuery(text: string): string | undefined {
  const terms = toFtsTerms(text).map((t) => `"${t.text}"${t.prefix ? '*' : ''}`);
  return terms.length > 0 ? terms.join(' OR ') : undefined;
}
