/** Texts normalized lately (insertion order: the oldest goes first when full); short texts only. */
const normalized = new Map<string, string>();
const MAX_NORMALIZED = 1024;
const MAX_NORMALIZED_LENGTH = 1000;

/** Lower-case, strip accents (PT-BR "não" → "nao"), keep letters and digits. */
export function normalizeText(text: string): string {
  // One message is normalized by the router, the language check, the opt-out check and each policy
  // step, and a contact's memories on every turn: a lookup is far cheaper than NFD and two regexes.
  const known = normalized.get(text);
  if (known !== undefined) return known;
  const value = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9%$]+/g, ' ')
    .trim();
  if (text.length <= MAX_NORMALIZED_LENGTH) {
    if (normalized.size >= MAX_NORMALIZED) normalized.delete(normalized.keys().next().value as string);
    normalized.set(text, value);
  }
  return value;
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

/**
 * WhatsApp shorthand (PT-BR and English) → the full word(s), after `normalizeText`. Only forms that are
 * unambiguous in customer messages: "q" is "que", but "to" stays (English "to" vs PT-BR "tô").
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = Object.freeze({
  vc: 'voce',
  vcs: 'voces',
  pq: 'porque',
  q: 'que',
  oq: 'o que',
  tb: 'tambem',
  tbm: 'tambem',
  msg: 'mensagem',
  msgs: 'mensagens',
  obg: 'obrigado',
  obgd: 'obrigado',
  vlw: 'valeu',
  blz: 'beleza',
  hj: 'hoje',
  msm: 'mesmo',
  pfv: 'por favor',
  pf: 'por favor',
  pls: 'please',
  plz: 'please',
  mt: 'muito',
  mto: 'muito',
  cmg: 'comigo',
  ngm: 'ninguem',
  qnto: 'quanto',
  qto: 'quanto',
  qtos: 'quantos',
  qts: 'quantos',
  td: 'tudo',
  tds: 'todos',
  hr: 'hora',
  hrs: 'horas',
  nf: 'nota fiscal',
  nfe: 'nota fiscal',
  whats: 'whatsapp',
  wpp: 'whatsapp',
  zap: 'whatsapp',
  n: 'nao',
  dps: 'depois',
  agr: 'agora',
  qdo: 'quando',
  qnd: 'quando',
  ctz: 'certeza',
  add: 'adicionar',
  thx: 'thanks',
  ty: 'thanks',
  u: 'you',
  ur: 'your',
  im: 'i am',
  dont: 'do not',
  cant: 'can not',
  wont: 'will not',
});

/** The last text `expandedWords` split, and its words (a route splits one message three times). */
let lastExpanded: { text: string; words: readonly string[] } | undefined;

/** The normalized words of a text with WhatsApp shorthand spelled out ("vc tb" → voce, tambem). */
export function expandedWords(text: string): string[] {
  if (lastExpanded?.text === text) return lastExpanded.words.slice();
  const words: string[] = [];
  for (const word of normalizeText(text).split(' ')) {
    if (word === '') continue;
    // Own keys only: "constructor" is a word customers write, and a plain object inherits one.
    const expanded = Object.hasOwn(ABBREVIATIONS, word) ? ABBREVIATIONS[word] : undefined;
    if (expanded === undefined) words.push(word);
    else for (const part of expanded.split(' ')) words.push(part);
  }
  lastExpanded = { text, words };
  return words.slice();
}

/**
 * Content words of a text, normalized, stop words removed. Shorthand is deliberately NOT expanded here:
 * the LocalEmbedder hashes these words and its vectors are persisted under `local-hash-v1`; the router
 * expands shorthand in its own lexical features instead.
 */
export function contentWords(text: string): string[] {
  const words = normalizeText(text).split(' ').filter(Boolean);
  const kept = words.filter((w) => !STOPWORDS.has(w));
  return kept.length > 0 ? kept : words;
}
