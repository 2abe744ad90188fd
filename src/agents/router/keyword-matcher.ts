import { normalizeText } from '../../shared/index.js';

/**
 * Finds a template's routing keywords (data from the template, never code) in a message. Keywords and
 * message are normalized the same way (lower case, no accents), and a keyword matches only on whole
 * words, so "live" does not match "delivery".
 */
export class KeywordMatcher {
  /** Each keyword space-padded (built once: every route searches them all). */
  readonly #padded: readonly string[];

  constructor(keywords: readonly string[]) {
    this.#padded = [...new Set(keywords.map(normalizeText).filter(Boolean))].map((k) => ` ${k} `);
  }

  /** How many distinct keywords occur in the (already normalized, space-padded) message. */
  countIn(paddedNormalized: string): number {
    let count = 0;
    for (const keyword of this.#padded) if (paddedNormalized.includes(keyword)) count++;
    return count;
  }

  /** The message in the form `countIn` expects. */
  static prepare(text: string): string {
    return ` ${normalizeText(text)} `;
  }
}
