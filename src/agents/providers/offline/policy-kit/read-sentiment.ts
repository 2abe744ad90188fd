import { normalizeText } from '../../../../shared/index.js';
import { SENTIMENT_SCORE_KEY } from '../../../catalog/session-keys.js';

/** The seed's retention rule: a customer whose sentiment is below this goes to a supervisor at once. */
export const ESCALATION_SENTIMENT = -0.5;

// Normalized words (no accents), PT-BR / English / Spanish. The lowest matching tier wins.
const HOSTILE =
  /\b(procon|processo|processar|advogado|justica|reclame aqui|absurdo|ridiculo|palhacada|golpe|fraude|lawyer|lawsuit|sue|scam|furious|abogado|demanda|estafa|denuncia)\b/;
const ANGRY =
  /\b(pessimo|pesimo|horrivel|horrible|odeio|odio|raiva|inaceitavel|inaceptable|vergonha|verguenza|lixo|basura|nunca mais|nunca mas|terrible|awful|worst|unacceptable|hate)\b/;
const UNHAPPY =
  /\b(cancelar|cancela|cancelamento|cancelacion|insatisfeito|insatisfecho|caro|desistir|sair|encerrar|rescindir|cancel|quit|expensive|unhappy|leave|baja|decepcionado|disappointed)\b/;
const POSITIVE =
  /\b(obrigad[oa]|gostei|adoro|otimo|excelente|perfeito|maravilh\w*|thanks|thank you|great|love|awesome|gracias|genial|encanta)\b/;

/**
 * The customer's sentiment for this message, −1 (furious) to 1 (delighted): the CRM's score when the
 * request carried one (session state), else an estimate from the words — hostile (legal threats,
 * "absurdo") −0.8, angry ("péssimo") −0.7, unhappy (cancel, "caro") −0.3, praise +0.5, neutral 0;
 * shouting or "!!!" lowers a negative reading by 0.1. Deterministic, for the offline policies.
 */
export function readSentiment(message: string, state: Readonly<Record<string, unknown>> = {}): number {
  const given = state[SENTIMENT_SCORE_KEY];
  if (typeof given === 'number' && Number.isFinite(given)) return Math.max(-1, Math.min(1, given));
  const text = normalizeText(message);
  let sentiment = 0;
  if (HOSTILE.test(text)) sentiment = -0.8;
  else if (ANGRY.test(text)) sentiment = -0.7;
  else if (UNHAPPY.test(text)) sentiment = -0.3;
  else if (POSITIVE.test(text)) sentiment = 0.5;
  const letters = message.replace(/[^A-Za-zÀ-ÿ]/g, '');
  const upper = message.replace(/[^A-ZÀ-Þ]/g, '');
  const shouting = (letters.length >= 12 && upper.length / letters.length > 0.6) || /!{3,}/.test(message);
  if (shouting && sentiment < 0) sentiment -= 0.1;
  return Math.round(Math.max(-1, sentiment) * 100) / 100;
}
