import { expandedWords } from '../../shared/index.js';
import { phraseConcepts, wordConcepts } from './intent-concepts.js';

/**
 * Features of a message for the intent classifier: words, word pairs, character 3- and 4-grams inside
 * word boundaries (inflections, typos, Spanish/Portuguese cognates: "cancelamento", "cancelación",
 * "cancelr"), negation-scoped words ("não quero cancelar" also yields `neg:cancelar`, so a negated
 * cancellation can weigh differently from a real one) and tone cues that normalisation would lose
 * (the emojis of sarcasm and anger, shouting, a one-word message). Letters repeated three or more times
 * are squeezed ("cancelaaaa" → "cancela").
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
    const next = words[i + 1];
    if (next !== undefined) features.push(`b:${word}_${next}`);
    const padded = ` ${word} `;
    for (let n = 3; n <= 4; n++) {
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
/** How many words after a negation word are marked as negated. */
const NEGATION_SCOPE = 3;

const TONE_CUES: ReadonlyArray<[string, RegExp]> = [
  ['sarcasm_emoji', /[🙃🙄👏😒🤡]/u],
  ['angry_emoji', /[😡🤬😤😠]/u],
  ['shouting', /\b[A-ZÇÃÕÁÉÍÓÚ]{4,}\b/u],
  ['question', /\?/],
];
