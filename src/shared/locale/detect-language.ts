import { normalizeText } from '../embedder/index.js';
import type { Language } from './language.js';

/**
 * A small deterministic language detector for short chat messages (PT-BR, English, Spanish). Each
 * word that belongs to one language only — function words, greetings, WhatsApp shorthand — scores a
 * point for it; letters only one language writes (ñ ¿ ¡ for Spanish; ã õ ç â ê ô for Portuguese) and
 * English contractions score two. Words the languages share ("de", "que", "para", "no", "ok") score
 * nothing, so "ok" or "👍" says nothing and the session's language is kept.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

// Normalized (lower case, no accents). Only words that are not also common in the other two languages.
const PORTUGUESE = words(`
  o os do dos da das ao aos na nas num numa um uma uns umas eu voce voces vc vcs vcs ce ele ela eles elas
  meu minha meus minhas seu sua seus suas nosso nossa isso isto aquilo esse essa esses essas ali
  nao sim tambem entao mais muito muita pouco ja ainda agora hoje ontem amanha depois sempre
  com sem pelo pela pelos pelas pra pro pros pras ate quando onde porque pq quem qual quanto quantos quantas
  e eh ta to tava estou estava sao foi fui tem tenho temos tinha ter fazer faz fiz feito pode posso
  podem quero preciso precisa gostaria consegue vou vai ficou fica deu
  oi ola obrigado obrigada obg brigado valeu vlw blz beleza tudo bom boa tarde noite bem otimo
  cadê cade gente pessoal aí ai ne né kkk kkkk kkkkk rs rsrs hj amn tb tbm mt mto msm vdd qdo qnd cmg sdd
  conta boleto fatura cobranca mes ano semana cancelar cancelamento atendimento atendente plano sistema
  coisa pagar paguei pagamento assinatura desconto ajuda duvida problema funcionando
  favor minha encerrar empresa contrato preco caro barato reais
  promocao promocoes mensagem mensagens receber parar chega demais
`);

const SPANISH = words(`
  el los las del al lo le un una unos unas y yo usted ustedes tu mi mis su sus nuestro nuestra eso esto esa ese
  alli si tambien pero muy poco ya ahora hoy ayer manana despues siempre
  con sin hasta cuando donde porque por que quien cual cuanto cuantos cuantas como
  es estoy estaba son fue hay tengo tiene tenemos tenia hacer hace hice hecho puede
  puedo pueden quiero necesito necesita quisiera me gustaria voy va quedo
  hola gracias muchas buenas buenos tardes noches dias bien oye bueno
  jaja jajaja jajajaja xq tmb pq q k porfa porfis
  cuenta factura cobro mes ano semana cancelar cancelacion baja darme servicio soporte ayuda
  precio caro barato pagar suscripcion descuento problema favor empresa contrato
  escriban escribir mensajes recibir dejen dejar llamar hablar
  soy eres somos nuevo nueva veces otra otro mucho mucha nadie aca ahi gusto
`);

const ENGLISH = words(`
  the a an i im ive id ill you youre your yours we our us he she they them their it its this that these those
  is are was were be been am do does did dont doesnt didnt cant wont isnt arent wasnt can could would should will
  have has had not no yes yeah yep nope and or but so if then than with without for from of to in on at by about
  my me mine what whats why how when where who which there here
  hi hello hey thanks thank thx ty pls plz please sorry okay cool great awesome good morning afternoon evening
  want wanna need gonna gotta like get got know let lets help just still already now today yesterday tomorrow
  month year week bill billing invoice charge charged price pricing account subscription plan cancel renew
  u ur r lol lmao omg idk btw asap
  anymore some any more much many every all
`);

/**
 * Words spelled the same in two of the languages: they are in both lists above on purpose only when
 * they lean strongly one way in chat; these ones lean nowhere and are dropped from every list.
 */
const SHARED = words(`
  a e o de dos que no na se para por como me te nos todo nada mal favor porque
  ok okay oki pq q cancelar mes ano semana caro barato pagar problema empresa contrato
  dias tarde plan sistema
`);

// Word endings only one language has (after accents are stripped): "texting", "cancelacao", "cancelacion".
const ENDINGS: ReadonlyArray<[Language, RegExp]> = [
  ['en', /^[a-z]{3,}ing$/],
  ['pt', /^[a-z]{2,}(?:cao|coes)$/],
  ['es', /^[a-z]{2,}(?:cion|ciones|aron|ieron)$/],
];

// Every ending above ends with one of these letters: a token ending otherwise skips the three regexes.
const ENDING_LAST_LETTERS = new Set(['g', 'o', 's', 'n']);

function scoreWords(normalized: string): Record<Language, number> {
  const score: Record<Language, number> = { pt: 0, en: 0, es: 0 };
  for (const token of normalized.split(' ')) {
    if (token === '' || SHARED.has(token)) continue;
    if (PORTUGUESE.has(token)) score.pt++;
    if (SPANISH.has(token)) score.es++;
    if (ENGLISH.has(token)) score.en++;
    if (!ENDING_LAST_LETTERS.has(token[token.length - 1] as string)) continue;
    for (const [language, ending] of ENDINGS) if (ending.test(token)) score[language]++;
  }
  return score;
}

// Letters and endings only one of the languages writes.
const SPANISH_MARKS = /[ñ¿¡]|ción\b|ciones\b/giu;
const PORTUGUESE_MARKS = /[ãõçâêô]|ção\b|ções\b/giu;
const ENGLISH_MARKS = /\b\w+'(?:s|t|m|re|ve|ll|d)\b|\b\w+n't\b/giu;

// A capitalised word inside a sentence ("que João", "con Peña") is a name: its letters say nothing of
// the language the message is written in. All-caps words and sentence starts are kept.
const MID_SENTENCE_NAME = /(?<=[\p{L}\p{N},;:)]\s+)\p{Lu}\p{Ll}+/gu;

// Every Spanish or Portuguese mark holds one of these letters or "cion" (same flags as the marks, so
// the same case folding): a text without any has no mark, and skips the name removal and both scans.
const MAY_HAVE_MARKS = /[ñ¿¡ãõçâêôó]|cion/iu;

/** Points each language scores in `text`, before any decision. */
export function languageScores(text: string): Record<Language, number> {
  const score = scoreWords(normalizeText(text));
  if (MAY_HAVE_MARKS.test(text)) {
    const marked = text.replace(MID_SENTENCE_NAME, ' ');
    score.es += 2 * (marked.match(SPANISH_MARKS)?.length ?? 0);
    score.pt += 2 * (marked.match(PORTUGUESE_MARKS)?.length ?? 0);
  }
  // A contraction needs an apostrophe.
  if (text.includes("'") || text.includes('’')) {
    score.en += 2 * (text.replace(/’/g, "'").match(ENGLISH_MARKS)?.length ?? 0);
  }
  return score;
}

/** The leader and the runner-up, as a stable sort by score (descending) of pt, en, es would rank them. */
function topTwo(score: Record<Language, number>): [Language, Language] {
  let best: Language = 'pt';
  let second: Language | undefined;
  for (const language of ['en', 'es'] as const) {
    if (score[language] > score[best]) {
      second = best;
      best = language;
    } else if (second === undefined || score[language] > score[second]) {
      second = language;
    }
  }
  return [best, second as Language];
}

/** A detection: the language, and whether the message itself said so (false: kept or defaulted). */
export interface LanguageDetection {
  language: Language;
  /** True when the message's own words decided; false when it said too little and `previous` (or the default) was kept. */
  detected: boolean;
}

/** How many points a message must score above the session's language to switch away from it. */
const SWITCH_MARGIN = 2;

/**
 * The language of one message, keeping the session's when unsure. Without a `previous` language the
 * leader wins by any margin (a tie or silence → `fallback`, the tenant's language); with one, a
 * message must lead it by two points to switch, so "ok thanks" in a Portuguese chat stays Portuguese
 * while "hi, I need my invoice" switches to English.
 *
 * @example
 * detectLanguage('quiero darme de baja').language // 'es'
 * detectLanguage('ok', 'es') // { language: 'es', detected: false }
 */
export function detectLanguage(text: string, previous?: Language, fallback: Language = 'pt'): LanguageDetection {
  const score = languageScores(text);
  const [best, second] = topTwo(score);
  if (score[best] === 0) return { language: previous ?? fallback, detected: false };
  if (previous !== undefined) {
    if (best === previous || score[best] - score[previous] < SWITCH_MARGIN) {
      return { language: previous, detected: best === previous && score[best] > score[second] };
    }
    return { language: best, detected: true };
  }
  if (score[best] === score[second]) return { language: fallback, detected: false };
  return { language: best, detected: true };
}
