import { expandedWords } from '../../shared/index.js';
import { pairFeature } from './classifier-features.js';

/** A sparse bag of weighted features (feature → weight). */
export type FeatureBag = Map<string, number>;

// Narrower than the embedder's stop words: greetings and "please" are intent here (they point to the
// general template), and the IDF weighting already discounts words every template uses.
const ROUTING_STOPWORDS = new Set(
  (
    'a o e de da do das dos em no na nos nas um uma uns umas para pra por com que se ao aos as os eu me mim ' +
    'isso esse essa este esta ta ja mais mas ou the an and or of to in on at for is are was be it this that ' +
    'my i you your we our with as by from do does can could would'
  ).split(' '),
);

/** Weight of a word pair relative to a word. */
export const BIGRAM_WEIGHT = 0.5;
/** Weight of a character trigram relative to a word: catches inflections and typos ("cancelamento", "cancelr"). */
export const TRIGRAM_WEIGHT = 0.25;

/**
 * The routing features of a text: words (shorthand spelled out, function words dropped), adjacent word
 * pairs, and character trigrams of each word. Deterministic and allocation-light; a message of a few
 * dozen words yields a few hundred features.
 */
export function intentFeatures(text: string): FeatureBag {
  const words = routingWords(text);
  const bag: FeatureBag = new Map();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const { feature, trigrams } = wordParts(word);
    add(bag, feature, 1);
    const next = words[i + 1];
    if (next !== undefined) add(bag, pairFeature(word, next), BIGRAM_WEIGHT);
    for (const trigram of trigrams) add(bag, trigram, TRIGRAM_WEIGHT);
  }
  return bag;
}

/**
 * The words `intentFeatures` are made of, in order: the expanded words without function words (all of
 * them when every one is a function word). A word's features are `wordParts`, a pair's `pairFeature`.
 */
export function routingWords(text: string): string[] {
  const all = expandedWords(text);
  // Plain loops, no closure: this runs on every routed message.
  const content: string[] = [];
  for (const word of all) if (!ROUTING_STOPWORDS.has(word)) content.push(word);
  return content.length > 0 ? content : all;
}

function add(bag: FeatureBag, feature: string, weight: number): void {
  bag.set(feature, (bag.get(feature) ?? 0) + weight);
}

/** A word's own feature strings, built once per word (bounded cache): every route featurises its words. */
const parts = new Map<string, { feature: string; trigrams: readonly string[] }>();
const MAX_CACHED_WORDS = 50_000;

/** A word's `w:` feature and its character trigrams (`c:`), in `intentFeatures` order (cached per word). */
export function wordParts(word: string): { feature: string; trigrams: readonly string[] } {
  const cached = parts.get(word);
  if (cached) return cached;
  const padded = `^${word}$`;
  const trigrams: string[] = [];
  for (let j = 0; j + 3 <= padded.length; j++) trigrams.push(`c:${padded.slice(j, j + 3)}`);
  const value = { feature: `w:${word}`, trigrams };
  if (parts.size >= MAX_CACHED_WORDS) parts.clear();
  parts.set(word, value);
  return value;
}
