import { contentWords } from '../../../shared/index.js';

const MAX_TERMS = 16;

/**
 * Turns free text into an FTS5 query: content words OR-ed, each quoted (so no user text is read as
 * FTS syntax). Words of 5+ letters also match by prefix of their stem, which catches PT-BR
 * inflections ("cancelar" → "cance"* matches "cancelamento"). Returns undefined when nothing is left.
 */
export function toFtsQuery(text: string): string | undefined {
  const terms = new Set<string>();
  for (const word of contentWords(text)) {
    if (word.length < 2) continue;
    const clean = word.replace(/[^a-z0-9]/g, '');
    if (clean.length < 2) continue;
    terms.add(clean.length >= 5 ? `"${clean.slice(0, Math.max(4, clean.length - 3))}"*` : `"${clean}"`);
    if (terms.size >= MAX_TERMS) break;
  }
  return terms.size > 0 ? [...terms].join(' OR ') : undefined;
}
