/** Lower-case, strip accents (PT-BR "não" → "nao"), keep letters and digits. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9%$]+/g, ' ')
    .trim();
}

// Function words carry no intent; dropping them keeps short messages from matching on "de" or "the".
const STOPWORDS = new Set(
  (
    'a o e de da do das dos em no na nos nas um uma uns umas para pra por com que se ao aos as os eu ' +
    'voce vc meu minha me mim isso esse essa este esta ta ja mais mas ou the an and or of to in on at ' +
    'for is are was be it this that my me i you your we our with as by from do does can could would ' +
    'please oi ola hi hello'
  ).split(' '),
);

/** Content words of a text, normalized, stop words removed. */
export function contentWords(text: string): string[] {
  const words = normalizeText(text).split(' ').filter(Boolean);
  const kept = words.filter((w) => !STOPWORDS.has(w));
  return kept.length > 0 ? kept : words;
}
