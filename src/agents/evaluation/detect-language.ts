import type { Language } from './eval-case.js';

// Frequent words that tell the three languages apart. Words two languages share ("que", "para",
// "por") count for both and so decide nothing; the distinctive ones decide.
const WORDS: Record<Language, ReadonlySet<string>> = {
  pt: new Set(
    `não você vocês está estão isso esse essa isto uma um com para pra por que do da dos das no na nos nas em
    seu sua seus suas meu minha muito muita também já mais mas como quando ao aos à às é são foi ser ter tem
    temos posso pode podemos obrigado obrigada olá oi sim agora hoje ontem semana mês meses dia dias
    desconto plano cliente equipe sobre até ainda então aqui lhe te nós gente vou vamos quero fazer
    consegui entendo sinto ajudar pelo pela nosso nossa ele ela eles e o os as fatura pagamento boleto
    retorno reunião tudo bem qual quais onde seria gostaria preciso vai fica ficou sendo fonte nesta neste nessa nesse
    este esta essa nenhum nenhuma ou se só pelos pelas lá cá aí vc vcs tá tô né`.split(/\s+/),
  ),
  es: new Set(
    `no usted ustedes está están esto ese esa una un con para por que del de el los las la en su sus mi muy
    también ya más pero como cuando al es son fue ser tener tiene tenemos puedo puede podemos gracias hola
    sí ahora hoy ayer semana mes meses día días descuento cliente equipo sobre hasta todavía entonces aquí
    le te nosotros voy vamos quiero hacer conseguí entiendo siento ayudar nuestro nuestra él ella ellos y
    lo cuenta factura pago pagos reunión gustaría necesito cuál dónde bien todo va queda quedó siendo fuente
    esta este esa ese ninguno ninguna o si solo sólo allí acá ahí`.split(/\s+/),
  ),
  en: new Set(
    `the you your is are was were to and of for with we our it this that can will have has i my me be on in
    at not do please thanks thank hi hello yes now today yesterday week month months day days discount
    plan customer team about until still here an there what would could let know get sorry help if
    they them their from by or as which who how when where i'm you're we're it's don't can't`.split(/\s+/),
  ),
};

// Spelling marks: ã/õ and -ção are Portuguese only; ñ, ¿, ¡ and -ción Spanish only.
const MARKERS: Record<Language, RegExp> = {
  pt: /[ãõ]|ç[ãõ]o(?!\p{L})|ções(?!\p{L})/giu,
  es: /[ñ¿¡]|ción(?!\p{L})|ciones(?!\p{L})/giu,
  en: /(?<!\p{L})(?:the|you|your|we|please|thanks)(?!\p{L})/giu,
};

/** Scores per language and the winner (`undefined` when nothing tells: numbers only, too short). */
export interface LanguageGuess {
  language: Language | undefined;
  scores: Record<Language, number>;
}

/**
 * Guesses whether a text is Portuguese, English or Spanish from its frequent words and spelling marks
 * (ã, ção / ñ, ¿, ción). Good enough for chat answers of a sentence or more; markdown, numbers, names
 * and ids are ignored.
 *
 * @example
 * detectLanguage('Entendo, Carlos. Consegui 20% de desconto.').language // 'pt'
 */
export function detectLanguage(text: string): LanguageGuess {
  const plain = text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    // A token with a digit is a number, an amount or an id ("task-e916…" once read as Portuguese "e").
    .replace(/\S*\p{N}\S*/gu, ' ')
    .replace(/[\p{N}_*#`|>[\](){}:;,.!?"“”'’/\\-]+/gu, ' ');
  const words = plain.split(/\s+/).filter((w) => w.length > 0);
  const scores: Record<Language, number> = { pt: 0, es: 0, en: 0 };
  for (const word of words) {
    for (const language of ['pt', 'es', 'en'] as const) {
      if (WORDS[language].has(word)) scores[language] += 1;
    }
  }
  for (const language of ['pt', 'es', 'en'] as const) {
    scores[language] += 2 * (text.toLowerCase().match(MARKERS[language])?.length ?? 0);
  }
  const ranked = (['pt', 'es', 'en'] as const).slice().sort((a, b) => scores[b] - scores[a]);
  const [first, second] = ranked as [Language, Language, Language];
  const language = scores[first] > 0 && scores[first] > scores[second] ? first : undefined;
  return { language, scores };
}
