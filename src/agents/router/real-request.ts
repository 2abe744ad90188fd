import { expandedWords } from '../../shared/index.js';

/**
 * The part of a message that carries the request when the writer first says what they do NOT want:
 * "não quero cancelar, só quero entender a fatura" → "quero entender a fatura"; "I'm not cancelling,
 * relax, just want to add two seats" → "want to add two seats"; "No me quiero dar de baja, solo que la
 * app no me deja entrar" → "que la app no me deja entrar". Negations follow the real request: routing
 * the whole message would let "cancelar" outvote it. Only a denial of leaving, complaining or a
 * discount (a negation a few words before "cancel", "baja", "leave", "reclamação", "preço", …) followed
 * by a restricting or contrasting word ("só", "apenas", "just", "only", "solo", "mas", "but", "pero", …), or
 * a short denial sentence followed by another ("Not cancelling. Can you resend the invoice?"), triggers it,
 * and only when something
 * is left to route; otherwise the message is returned as it is ("não vou renovar, só isso", "I don't
 * want marketing messages, only the invoices").
 */
export function realRequest(text: string): string {
  const words = expandedWords(text);
  const negation = words.findIndex(
    (w, i) =>
      NEGATIONS.has(w) &&
      words.slice(i + 1, i + 1 + DENIAL_WINDOW).some((next) => DENIED.some((stem) => next.startsWith(stem))),
  );
  if (negation < 0) return text;
  for (let i = negation + 1; i < words.length; i++) {
    if (!RESTRICTORS.has(words[i] as string) && !CONTRASTS.has(words[i] as string)) continue;
    const rest = words.slice(i + 1);
    if (rest.length >= MIN_REST_WORDS) return rest.join(' ');
    return text;
  }
  return afterDenialSentence(text);
}

/**
 * "Not cancelling. Can you resend the invoice?" / "Ninguém falou em sair! O relatório não abre": when the
 * denial is a short sentence of its own, the request is what follows it.
 */
function afterDenialSentence(text: string): string {
  const sentences = text.split(SENTENCE_END).filter((s) => expandedWords(s).length > 0);
  for (let i = 0; i < sentences.length - 1; i++) {
    const words = expandedWords(sentences[i] as string);
    const denial = words.some(
      (w, j) =>
        NEGATIONS.has(w) &&
        words.slice(j + 1, j + 1 + DENIAL_WINDOW).some((next) => DENIED.some((stem) => next.startsWith(stem))),
    );
    if (!denial) continue;
    if (words.length > MAX_DENIAL_SENTENCE_WORDS) return text;
    const rest = sentences
      .slice(i + 1)
      .join('. ')
      .trim();
    return expandedWords(rest).length >= MIN_SENTENCE_REST_WORDS ? rest : text;
  }
  return text;
}

const NEGATIONS = new Set([
  'nao',
  'not',
  'no',
  'nunca',
  'never',
  'ninguem',
  'nobody',
  'nadie',
  'nem',
  'ni',
  'dont',
  'don',
  'isn',
  'aren',
  'wasn',
  'doesn',
]);
const RESTRICTORS = new Set([
  'so',
  'apenas',
  'somente',
  'just',
  'only',
  'solo',
  'simplemente',
  'unicamente',
  'solamente',
]);
/** "não quero cancelar, mas preciso da nota" / "not leaving, but the export is broken": the request follows. */
const CONTRASTS = new Set(['mas', 'but', 'pero', 'porem', 'sino', 'instead', 'however', 'though']);
const SENTENCE_END = /[.!?;\n]+/u;
/** A denial sentence longer than this carries more than the denial: route the whole message. */
const MAX_DENIAL_SENTENCE_WORDS = 10;
/** What follows a denial sentence must be at least this long to be routed on its own. */
const MIN_SENTENCE_REST_WORDS = 3;
/** Stems of what a writer denies before the real request: leaving, complaining, bargaining. */
const DENIED = [
  'cancel',
  'encerr',
  'sair',
  'saindo',
  'baja',
  'leav',
  'quit',
  'unsubscri',
  'desuscri',
  'descadastr',
  'queja',
  'reclam',
  'complain',
  'precio',
  'preco',
  'price',
  'descont',
  'discount',
  'embora',
  'irme',
  'going',
  'churn',
];
/** How many words after the negation may hold the denied stem ("não é pra cancelar", "not trying to unsubscribe"). */
const DENIAL_WINDOW = 5;
/** Fewer words than this after the restricting word is not a request of its own ("só isso"). */
const MIN_REST_WORDS = 2;
