import { indexPairs, pairFeature } from './classifier-features.js';
import {
  BIGRAM_WEIGHT,
  type FeatureBag,
  intentFeatures,
  routingWords,
  TRIGRAM_WEIGHT,
  wordParts,
} from './intent-features.js';

/** One class of the index: a template id and its example texts. */
export interface LexicalClass {
  id: string;
  examples: readonly string[];
}

interface Posting {
  /** Example index (for the example postings) or class index (for the centroid postings). */
  target: number;
  weight: number;
}

/**
 * Every feature's postings in one pair of typed arrays: feature k's are `[start[k], start[k + 1])`, in
 * the order they were added (scoring sums in that order). One allocation instead of two a feature: a
 * route reads a few dozen features' postings, mostly from cold memory.
 */
interface PackedPostings {
  start: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/**
 * A text's `intentFeatures` as one index numbers them (`LexicalIndex.features`), kept in the index's
 * scratch: valid until that index's next `features` call.
 */
export interface LexicalFeatures {
  /** Whether any word of the text occurs in some example (else lexical similarity means nothing). */
  readonly knowsAnyWord: boolean;
  /** Which `features` call made them: `scoreFeatures` refuses stale ones. */
  readonly serial: number;
}

/** A word's features as the index numbers them (−1: no example has it), with their strings for the unknown ones. */
interface IndexedWord {
  entry: number;
  feature: string;
  trigramEntries: Int32Array;
  trigrams: readonly string[];
}

/** Words whose numbered features are kept (`#indexedWord`); the cache starts over past this. */
const MAX_CACHED_WORDS = 50_000;

/**
 * A TF-IDF index of intent examples, learned at construction from the examples alone (no download,
 * deterministic). A feature's IDF is computed over classes, not examples: a word that many templates
 * use ("quero", "preciso", "how do I") weighs little, a word only one or two use ("cancelar", "boleto")
 * weighs a lot. A message scores against each class by a blend of its nearest example and the class
 * centroid, both cosine similarities, computed in one pass over inverted postings so routing stays far
 * under a millisecond.
 */
export class LexicalIndex {
  readonly classCount: number;
  readonly #idf: Map<string, number>;
  /** Every feature some example has, numbered: its IDF and postings are found with one lookup. */
  readonly #entries: Map<string, number>;
  readonly #entryIdf: Float64Array;
  readonly #examplePostings: PackedPostings;
  readonly #centroidPostings: PackedPostings;
  /** Class of each example, by example index. */
  readonly #exampleClass: Int32Array;
  readonly #nearestWeight: number;
  // Scratch of `scoreFeatures`, which runs synchronously: calls never interleave.
  readonly #perExample: Float64Array;
  /** The examples the running query's postings reached (`#touchedCount` of them), each once (`#isTouched`). */
  readonly #touched: Int32Array;
  readonly #isTouched: Uint8Array;
  #touchedCount = 0;
  readonly #nearest: Float64Array;
  readonly #centroid: Float64Array;
  // The running query's distinct features, in first-occurrence order (`intentFeatures`' Map order): entry
  // (−1 unknown), summed term frequency, and weight; `#featureCount` of them.
  #queryEntries = new Int32Array(64);
  #queryTf = new Float64Array(64);
  #queryWeights = new Float64Array(64);
  #featureCount = 0;
  /** Feature slot of an entry of the running query, valid where `#entryStamp[entry] === #stamp`. */
  readonly #slotOfEntry: Int32Array;
  readonly #entryStamp: Uint32Array;
  #stamp = 0;
  #serial = 0;
  /** The running query's unknown features: their slots and strings (few: compared one by one). */
  readonly #unknownSlots: number[] = [];
  readonly #unknownFeatures: string[] = [];
  /** The indexed words' pairs (`pairFeature`) by first then second word: a pair is found without its string. */
  readonly #pairs: Map<string, Map<string, number>>;
  readonly #words = new Map<string, IndexedWord>();

  /** @param nearestWeight weight of the nearest example; the centroid gets `1 − nearestWeight`. */
  constructor(classes: readonly LexicalClass[], nearestWeight: number) {
    this.classCount = classes.length;
    this.#nearestWeight = nearestWeight;
    const bags = classes.map((c) => c.examples.map(intentFeatures));
    const classFrequency = new Map<string, number>();
    for (const examples of bags) {
      const seen = new Set<string>();
      for (const bag of examples) for (const feature of bag.keys()) seen.add(feature);
      for (const feature of seen) classFrequency.set(feature, (classFrequency.get(feature) ?? 0) + 1);
    }
    this.#idf = new Map();
    for (const [feature, df] of classFrequency) this.#idf.set(feature, Math.log(1 + classes.length / df));

    const examplePostings = new Map<string, Posting[]>();
    const centroidPostings = new Map<string, Posting[]>();
    const exampleClass: number[] = [];
    bags.forEach((examples, classIndex) => {
      const centroid: FeatureBag = new Map();
      for (const bag of examples) {
        const vector = this.#weigh(bag);
        const exampleIndex = exampleClass.length;
        exampleClass.push(classIndex);
        for (const [feature, weight] of vector) {
          push(examplePostings, feature, { target: exampleIndex, weight });
          centroid.set(feature, (centroid.get(feature) ?? 0) + weight);
        }
      }
      for (const [feature, weight] of unit(centroid)) push(centroidPostings, feature, { target: classIndex, weight });
    });
    this.#exampleClass = Int32Array.from(exampleClass);
    this.#entries = new Map();
    this.#entryIdf = new Float64Array(this.#idf.size);
    for (const [feature, idf] of this.#idf) {
      this.#entryIdf[this.#entries.size] = idf;
      this.#entries.set(feature, this.#entries.size);
    }
    const features = [...this.#idf.keys()];
    this.#examplePostings = packed(features, examplePostings);
    this.#centroidPostings = packed(features, centroidPostings);
    this.#perExample = new Float64Array(exampleClass.length);
    this.#slotOfEntry = new Int32Array(this.#entries.size);
    this.#entryStamp = new Uint32Array(this.#entries.size);
    this.#pairs = indexPairs(this.#entries);
    this.#touched = new Int32Array(exampleClass.length);
    this.#isTouched = new Uint8Array(exampleClass.length);
    this.#nearest = new Float64Array(this.classCount);
    this.#centroid = new Float64Array(this.classCount);
  }

  /** Whether any word of the text occurs in some example (else lexical similarity means nothing). */
  knowsAnyWord(text: string): boolean {
    return this.features(text).knowsAnyWord;
  }

  /** Blended similarity of the text to every class, in class order (each in −1..1, usually 0..1). */
  score(text: string): Float64Array {
    return this.scoreFeatures(this.features(text));
  }

  /**
   * The text's `intentFeatures`, numbered: the same distinct features with the same term frequencies,
   * in the same order, without building the Map or a string per known feature (a word's numbers are
   * cached per word, a pair is looked up by its two words). For one route, `knowsAnyWord` and
   * `scoreFeatures` then share one extraction.
   */
  features(text: string): LexicalFeatures {
    if (++this.#stamp === 0xffffffff) {
      this.#entryStamp.fill(0);
      this.#stamp = 1;
    }
    this.#featureCount = 0;
    this.#unknownSlots.length = 0;
    this.#unknownFeatures.length = 0;
    const words = routingWords(text);
    let knowsAnyWord = false;
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      const indexed = this.#indexedWord(word);
      if (indexed.entry >= 0) knowsAnyWord = true;
      this.#count(indexed.entry, indexed.feature, 1);
      const next = words[i + 1];
      if (next !== undefined) {
        const pair = this.#pairs.get(word)?.get(next);
        if (pair === undefined) this.#count(-1, pairFeature(word, next), BIGRAM_WEIGHT);
        else this.#count(pair, '', BIGRAM_WEIGHT);
      }
      const { trigramEntries, trigrams } = indexed;
      for (let j = 0; j < trigramEntries.length; j++)
        this.#count(trigramEntries[j] as number, trigrams[j] as string, TRIGRAM_WEIGHT);
    }
    return { knowsAnyWord, serial: ++this.#serial };
  }

  /** Adds one occurrence of a feature (`entry`, or −1 and its string when no example has it) to the query. */
  #count(entry: number, feature: string, weight: number): void {
    let slot: number;
    if (entry >= 0) {
      if (this.#entryStamp[entry] === this.#stamp) {
        slot = this.#slotOfEntry[entry] as number;
        this.#queryTf[slot] = (this.#queryTf[slot] as number) + weight;
        return;
      }
      slot = this.#newSlot();
      this.#entryStamp[entry] = this.#stamp;
      this.#slotOfEntry[entry] = slot;
    } else {
      for (let u = 0; u < this.#unknownSlots.length; u++) {
        if (this.#unknownFeatures[u] !== feature) continue;
        slot = this.#unknownSlots[u] as number;
        this.#queryTf[slot] = (this.#queryTf[slot] as number) + weight;
        return;
      }
      slot = this.#newSlot();
      this.#unknownSlots.push(slot);
      this.#unknownFeatures.push(feature);
    }
    this.#queryEntries[slot] = entry;
    // As `intentFeatures` sums: `(bag.get(feature) ?? 0) + weight`.
    this.#queryTf[slot] = 0 + weight;
  }

  #newSlot(): number {
    if (this.#featureCount === this.#queryEntries.length) {
      const size = this.#featureCount * 2;
      const entries = new Int32Array(size);
      entries.set(this.#queryEntries);
      const tf = new Float64Array(size);
      tf.set(this.#queryTf);
      this.#queryEntries = entries;
      this.#queryTf = tf;
      this.#queryWeights = new Float64Array(size);
    }
    return this.#featureCount++;
  }

  /** The word's `wordParts`, numbered (cached per word, bounded). */
  #indexedWord(word: string): IndexedWord {
    const cached = this.#words.get(word);
    if (cached) return cached;
    const { feature, trigrams } = wordParts(word);
    const trigramEntries = Int32Array.from(trigrams, (trigram) => this.#entries.get(trigram) ?? -1);
    const indexed = { entry: this.#entries.get(feature) ?? -1, feature, trigramEntries, trigrams };
    if (this.#words.size >= MAX_CACHED_WORDS) this.#words.clear();
    this.#words.set(word, indexed);
    return indexed;
  }

  /** Blended similarity of `features`' text to every class, in class order (see `score`). */
  scoreFeatures(features: LexicalFeatures): Float64Array {
    if (features.serial !== this.#serial)
      throw new Error('lexical features are stale: another text was featurised since');
    // `#weigh` without a Map: the same weights, unit length, summed in the same (insertion) order.
    const unseen = Math.log(1 + 2 * this.classCount);
    const count = this.#featureCount;
    const entries = this.#queryEntries;
    const weights = this.#queryWeights;
    let norm = 0;
    for (let k = 0; k < count; k++) {
      const entry = entries[k] as number;
      const weight = (this.#queryTf[k] as number) * (entry < 0 ? unseen : (this.#entryIdf[entry] as number));
      weights[k] = weight;
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    // `#perExample` is all zeros between calls: only the examples a posting reaches are summed, read
    // and reset (a few dozen of ~500). An example no posting reaches scores 0, which never raises its
    // class's maximum (that starts at 0), so skipping it leaves every maximum as it was.
    const perExample = this.#perExample;
    const centroid = this.#centroid.fill(0);
    this.#touchedCount = 0;
    for (let k = 0; k < count; k++) {
      const entry = entries[k] as number;
      if (entry < 0) continue;
      const weight = norm > 0 ? (weights[k] as number) / norm : (weights[k] as number);
      this.#addToExamples(entry, weight);
      addInto(centroid, this.#centroidPostings, entry, weight);
    }
    const nearest = this.#nearest.fill(0);
    const touched = this.#touched;
    for (let j = 0; j < this.#touchedCount; j++) {
      const i = touched[j] as number;
      const c = this.#exampleClass[i] as number;
      nearest[c] = Math.max(nearest[c] as number, perExample[i] as number);
      perExample[i] = 0;
      this.#isTouched[i] = 0;
    }
    const scores = new Float64Array(this.classCount);
    const w = this.#nearestWeight;
    for (let c = 0; c < this.classCount; c++)
      scores[c] = w * (nearest[c] as number) + (1 - w) * (centroid[c] as number);
    return scores;
  }

  /** `addInto` of the example postings, noting each example it reaches (`#touched`). */
  #addToExamples(k: number, weight: number): void {
    const { start, targets, weights } = this.#examplePostings;
    const sums = this.#perExample;
    const end = start[k + 1] as number;
    for (let i = start[k] as number; i < end; i++) {
      const t = targets[i] as number;
      sums[t] = (sums[t] as number) + weight * (weights[i] as number);
      if (this.#isTouched[t] === 0) {
        this.#isTouched[t] = 1;
        this.#touched[this.#touchedCount++] = t;
      }
    }
  }

  /**
   * TF-IDF weights, unit length. A feature no example has gets the highest weight (as if half a class
   * had it): a message full of unknown words is far from every class, which is what the threshold needs.
   */
  #weigh(bag: FeatureBag): FeatureBag {
    const unseen = Math.log(1 + 2 * this.classCount);
    const weighted: FeatureBag = new Map();
    for (const [feature, tf] of bag) weighted.set(feature, tf * (this.#idf.get(feature) ?? unseen));
    return unit(weighted);
  }
}

function push(postings: Map<string, Posting[]>, feature: string, posting: Posting): void {
  const list = postings.get(feature);
  if (list) list.push(posting);
  else postings.set(feature, [posting]);
}

/** The features' postings, packed in feature order (each feature's in the order they were added). */
function packed(features: readonly string[], postings: Map<string, Posting[]>): PackedPostings {
  const start = new Int32Array(features.length + 1);
  features.forEach((feature, k) => {
    start[k + 1] = (start[k] as number) + (postings.get(feature)?.length ?? 0);
  });
  const targets = new Int32Array(start[features.length] as number);
  const weights = new Float64Array(targets.length);
  features.forEach((feature, k) => {
    let at = start[k] as number;
    for (const posting of postings.get(feature) ?? []) {
      targets[at] = posting.target;
      weights[at++] = posting.weight;
    }
  });
  return { start, targets, weights };
}

/** `sums[target] += weight × posting weight` over feature k's postings, in order (as the scores always summed). */
function addInto(sums: Float64Array, postings: PackedPostings, k: number, weight: number): void {
  const { targets, weights } = postings;
  const end = postings.start[k + 1] as number;
  for (let i = postings.start[k] as number; i < end; i++) {
    const t = targets[i] as number;
    sums[t] = (sums[t] as number) + weight * (weights[i] as number);
  }
}

function unit(bag: FeatureBag): FeatureBag {
  let norm = 0;
  for (const v of bag.values()) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, v] of bag) bag.set(k, v / norm);
  return bag;
}
