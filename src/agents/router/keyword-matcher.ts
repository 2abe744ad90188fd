import { normalizeText } from '../../shared/index.js';

/**
 * Finds templates' routing keywords (data from the templates, never code) in a message. Keywords and
 * message are normalized the same way (lower case, no accents), and a keyword matches only on whole
 * words, so "live" does not match "delivery".
 *
 * One index for every template: a one-word keyword (most of them) is a lookup of the message's words,
 * not a scan of the message per keyword; a phrase is searched in the space-padded message. A normalized
 * message is words joined by single spaces, so " word " occurs in it exactly when the word is one of
 * its words: both ways count the same.
 */
export class KeywordIndex {
  /** Template indices whose keywords include the word (each template at most once per word). */
  readonly #byWord = new Map<string, number[]>();
  /** Multi-word keywords, space-padded, with their template's index. */
  readonly #phrases: Array<{ padded: string; template: number }> = [];
  readonly #size: number;

  /** @param keywords each template's routing keywords, in template order */
  constructor(keywords: ReadonlyArray<readonly string[]>) {
    this.#size = keywords.length;
    keywords.forEach((list, template) => {
      for (const keyword of new Set(list.map(normalizeText).filter(Boolean))) {
        if (keyword.includes(' ')) {
          this.#phrases.push({ padded: ` ${keyword} `, template });
          continue;
        }
        const templates = this.#byWord.get(keyword);
        if (templates) templates.push(template);
        else this.#byWord.set(keyword, [template]);
      }
    });
  }

  /** How many distinct keywords of each template occur in the message (in template order). */
  counts(text: string): Int32Array {
    const counts = new Int32Array(this.#size);
    const normalized = normalizeText(text);
    const words = new Set(normalized.split(' '));
    for (const word of words) {
      const templates = this.#byWord.get(word);
      if (templates) for (const t of templates) counts[t] = (counts[t] as number) + 1;
    }
    if (this.#phrases.length > 0) {
      const padded = ` ${normalized} `;
      for (const { padded: phrase, template } of this.#phrases)
        if (padded.includes(phrase)) counts[template] = (counts[template] as number) + 1;
    }
    return counts;
  }
}
