import { normalizeText } from '../../../../shared/index.js';
import { answerLocale } from './answer-locale.js';
import { rememberLast } from './remember-last.js';

/**
 * Readers of a customer message for the offline policies: plain regexes over the normalized text
 * (lower case, no accents). They extract only what the customer actually wrote.
 */

/** True when the session (or, outside a policy call, the message) is in English. */
export function isEnglish(message: string): boolean {
  return answerLocale(message).language === 'en';
}

/**
 * Picks the variant of the session's language (see answer-locale.ts): PT-BR, English or Spanish. All
 * three are required: a missing Spanish variant once answered a Spanish customer in English.
 */
export function say(message: string, pt: string, en: string, es: string): string {
  switch (answerLocale(message).language) {
    case 'en':
      return en;
    case 'es':
      return es;
    case 'pt':
      return pt;
  }
}

/** The first percentage in the message ("20%", "20 %", "20 por cento"), if any. */
export function readPercent(message: string): number | undefined {
  const match = /(\d{1,3}(?:[.,]\d+)?)\s*(?:%|por cento|percent)/.exec(normalizeText(message).replace(/ %/g, '%'));
  if (!match) return undefined;
  const value = Number((match[1] as string).replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** The first money amount in BRL ("R$ 1.500,00", "1500 reais", "400 conto"), if any. */
export function readMoney(message: string): number | undefined {
  const text = message.toLowerCase();
  const match =
    /r\$\s*(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?)/.exec(text) ??
    /(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?)\s*(?:reais|real|conto|pila)\b/.exec(text);
  if (!match) return undefined;
  const value = Number((match[1] as string).replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

const CRITICAL =
  /\b(procon|processo|processar|advogado|justica|reclame aqui|absurdo|ridiculo|palhacada|golpe|fraude|lawyer|lawsuit|sue|scam|furious)\b/;
const ANGRY =
  /\b(pessimo|horrivel|odeio|raiva|inaceitavel|vergonha|lixo|nunca mais|terrible|awful|worst|unacceptable|hate)\b/;
const UNHAPPY =
  /\b(cancelar|cancela|cancelamento|insatisfeito|caro|desistir|sair|encerrar|rescindir|cancel|quit|expensive|unhappy|leave|baja|irme|insatisfecho|cancelacion|concorrente|concorrencia|competencia|competitor|switching|moving to|mudar para|nao vamos renovar|nao vou renovar|not renew|not renewing|no vamos a renovar|no renovar)\b/;

const lastSeverity = rememberLast(severityOf);

/** Severity 1–10 of a complaint from its words: legal threats ≥ 9, anger 7, cancellation 6, else 3. */
export function readSeverity(message: string): number {
  return lastSeverity(message);
}

function severityOf(message: string): number {
  const text = normalizeText(message);
  let severity = 3;
  if (UNHAPPY.test(text)) severity = 6;
  if (ANGRY.test(text)) severity = 7;
  if (CRITICAL.test(text)) severity = 9;
  // Shouting (mostly capitals) or a pile of exclamation marks adds one.
  const letters = message.replace(/[^A-Za-zÀ-ÿ]/g, '');
  const upper = message.replace(/[^A-ZÀ-Þ]/g, '');
  if ((letters.length >= 12 && upper.length / letters.length > 0.6) || /!{3,}/.test(message)) severity += 1;
  return Math.min(10, severity);
}

/** Whether any of these normalized words/phrases occurs in the message (whole words). */
export function mentions(message: string, ...phrases: string[]): boolean {
  const padded = ` ${normalizeText(message)} `;
  return phrases.some((p) => padded.includes(` ${p} `));
}

/** A short excerpt of the message for titles and reasons (never empty). */
export function excerpt(message: string, max = 120): string {
  const clean = message.replace(/\s+/g, ' ').trim();
  if (clean.length === 0) return '(mensagem vazia)';
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The customer's first name from session state (`contact_name`), when the app put it there. */
export function firstNameFromState(state: Readonly<Record<string, unknown>>): string | undefined {
  const name = state['contact_name'];
  if (typeof name !== 'string' || name.trim() === '') return undefined;
  return name.trim().split(/\s+/)[0];
}
