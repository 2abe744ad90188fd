import { expandedWords } from '../../shared/index.js';
import { phraseConcepts, wordConcepts } from './intent-concepts.js';

/**
 * Features of a message for the intent classifier: words, word pairs, character 3- to 5-grams inside
 * word boundaries (inflections, typos, Spanish/Portuguese cognates: "cancelamento", "cancelación",
 * "cancelr"), negation-scoped words ("não quero cancelar" also yields `neg:cancelar`, so a negated
 * cancellation can weigh differently from a real one), the opening words again (`f:`, the first
 * `OPENING_WORDS`: the opening usually states what the writer came for) and tone cues
 * that normalisation would lose (the emojis of sarcasm and anger, shouting, a one-word message). Letters
 * repeated three or more times are squeezed ("cancelaaaa" → "cancela").
 *
 * Chosen on the leave-one-set-out estimate (bench/router-loso.ts, three retired holdouts, three seeds,
 * 2026-12-04): 5-grams 93.3 → 93.8 % (every fold up), the opening words → 94.0 % (within the seed noise,
 * and multi-intent top-1 did not move); 6-grams (+0.2, more CPU), skip-pairs, a negation scope of 5 and
 * concepts of the opening words stayed within the noise; 3-grams only lost 0.3.
 */
export function classifierFeatures(text: string): string[] {
  const features: string[] = [];
  visitClassifierFeatures(text, {
    words: (list) => {
      for (const feature of list) features.push(feature);
    },
    one: (feature) => features.push(feature),
    pair: (first, second) => features.push(pairFeature(first, second)),
  });
  return features;
}

/** The features of one word that depend on the word alone (the bulk of a text's features). */
export interface WordFeatures {
  /** The word, letters repeated three or more times squeezed. */
  readonly word: string;
  readonly concepts: readonly string[];
  /** `w:` and its `k:` concepts. */
  readonly head: readonly string[];
  /** Its character n-grams (`c:`). */
  readonly grams: readonly string[];
  /** `neg:` and its `neg:k:` concepts, for a word in a negation's scope. */
  readonly negated: readonly string[];
  /** `f:`, for a word among the opening ones. */
  readonly opening: readonly string[];
}

/**
 * Receives a text's features in `classifierFeatures` order. `words` gets a word's cached lists (the same
 * array objects for the same word while it stays cached, so a consumer may key its own cache on them).
 */
export interface ClassifierFeatureSink {
  words(features: readonly string[]): void;
  one(feature: string): void;
  /**
   * The word pair feature `pairFeature(first, second)`, given as its two words: a consumer that looks
   * pairs up by word (the router's hot path) builds no string per pair.
   */
  pair(first: string, second: string): void;
}

/** The feature of two adjacent words: `b:first_second` (a word never holds `_`: see `normalizeText`). */
export function pairFeature(first: string, second: string): string {
  return `b:${first}_${second}`;
}

/** The two words of a `pairFeature`, or undefined for another feature. */
export function pairWords(feature: string): [string, string] | undefined {
  if (!feature.startsWith('b:')) return undefined;
  const cut = feature.indexOf('_');
  return cut < 0 ? undefined : [feature.slice(2, cut), feature.slice(cut + 1)];
}

/**
 * The pair features of `features` (feature → value) indexed by their two words: a route looks a word
 * pair up by the words it already has, without building the `b:first_second` string per pair.
 */
export function indexPairs<T>(features: Iterable<readonly [string, T]>): Map<string, Map<string, T>> {
  const pairs = new Map<string, Map<string, T>>();
  for (const [feature, value] of features) {
    const words = pairWords(feature);
    if (!words) continue;
    let seconds = pairs.get(words[0]);
    if (!seconds) {
      seconds = new Map();
      pairs.set(words[0], seconds);
    }
    seconds.set(words[1], value);
  }
  return pairs;
}

/** `classifierFeatures` without building the list: the router's hot path maps features straight to weights. */
export function visitClassifierFeatures(text: string, sink: ClassifierFeatureSink): void {
  const parts = expandedWords(text).map(wordFeatures);
  let negatedFor = 0;
  for (let i = 0; i < parts.length; i++) {
    const { word, head, grams, negated, opening } = parts[i] as WordFeatures;
    sink.words(head);
    if (negatedFor > 0) {
      sink.words(negated);
      negatedFor--;
    }
    if (NEGATIONS.has(word)) negatedFor = NEGATION_SCOPE;
    if (i < OPENING_WORDS) sink.words(opening);
    const next = parts[i + 1];
    if (next !== undefined) sink.pair(word, next.word);
    sink.words(grams);
  }
  for (const concept of phraseConcepts(parts.map((p) => p.word))) sink.one(`k:${concept}`);
  for (const [cue, pattern] of TONE_CUES) if (pattern.test(text)) sink.one(`tone:${cue}`);
  if (parts.length === 1) sink.one('shape:one_word');
  if (parts.length > 40) sink.one('shape:long');
}

/** Words repeat across messages and training texts: each is featurised once (bounded cache). */
const wordCache = new Map<string, WordFeatures>();
const MAX_CACHED_WORDS = 50_000;

/** The features of one expanded word (cached). */
export function wordFeatures(expanded: string): WordFeatures {
  const cached = wordCache.get(expanded);
  if (cached) return cached;
  const word = expanded.replace(/([a-z])\1{2,}/g, '$1');
  const concepts = wordConcepts(word);
  const head = [`w:${word}`];
  for (const concept of concepts) head.push(`k:${concept}`);
  const grams: string[] = [];
  const padded = ` ${word} `;
  for (let n = 3; n <= MAX_NGRAM; n++) {
    for (let j = 0; j + n <= padded.length; j++) grams.push(`c:${padded.slice(j, j + n)}`);
  }
  const negated = [`neg:${word}`];
  for (const concept of concepts) negated.push(`neg:k:${concept}`);
  const features: WordFeatures = { word, concepts, head, grams, negated, opening: [`f:${word}`] };
  if (wordCache.size >= MAX_CACHED_WORDS) wordCache.clear();
  wordCache.set(expanded, features);
  return features;
}

const NEGATIONS = new Set(['nao', 'not', 'no', 'nunca', 'never', 'nem', 'ni', 'sem', 'without', 'nothing', 'nada']);
/** Longest character n-gram (inside ` word `). */
const MAX_NGRAM = 5;
/** How many words open a message (`f:` features). */
const OPENING_WORDS = 6;
/** How many words after a negation word are marked as negated. */
const NEGATION_SCOPE = 3;

const TONE_CUES: ReadonlyArray<[string, RegExp]> = [
  ['sarcasm_emoji', /[🙃🙄👏😒🤡]/u],
  ['angry_emoji', /[😡🤬😤😠]/u],
  ['shouting', /\b[A-ZÇÃÕÁÉÍÓÚ]{4,}\b/u],
  ['question', /\?/],
];
