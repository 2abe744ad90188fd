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
  const words = expandedWords(text).map((w) => w.replace(/([a-z])\1{2,}/g, '$1'));
  const features: string[] = [];
  let negatedFor = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    features.push(`w:${word}`);
    const concepts = wordConcepts(word);
    for (const concept of concepts) features.push(`k:${concept}`);
    if (negatedFor > 0) {
      features.push(`neg:${word}`);
      for (const concept of concepts) features.push(`neg:k:${concept}`);
      negatedFor--;
    }
    if (NEGATIONS.has(word)) negatedFor = NEGATION_SCOPE;
    if (i < OPENING_WORDS) features.push(`f:${word}`);
    const next = words[i + 1];
    if (next !== undefined) features.push(`b:${word}_${next}`);
    const padded = ` ${word} `;
    for (let n = 3; n <= MAX_NGRAM; n++) {
      for (let j = 0; j + n <= padded.length; j++) features.push(`c:${padded.slice(j, j + n)}`);
    }
  }
  for (const concept of phraseConcepts(words)) features.push(`k:${concept}`);
  for (const [cue, pattern] of TONE_CUES) if (pattern.test(text)) features.push(`tone:${cue}`);
  if (words.length === 1) features.push('shape:one_word');
  if (words.length > 40) features.push('shape:long');
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
