import { periodLabel as labelIn, type NamedPeriod, normalizeText, readNamedPeriod } from '../../../../shared/index.js';
import { answerLocale } from './answer-locale.js';
import { rememberLast } from './remember-last.js';

/** BI period names the bi tools accept (besides `custom`). */
export type PeriodName = NamedPeriod;

/**
 * The period a BI question names, in PT-BR, English or Spanish ("ontem", "este ano", "yesterday",
 * "this month", "ayer", "el mes pasado"), else the fallback.
 */
export function readPeriod(message: string, fallback: PeriodName = 'last_30_days'): PeriodName {
  return readNamedPeriod(normalizeText(message)) ?? fallback;
}

/** Days an agent comparison covers when the question names no period (the seed's analyzer scope). */
export const COMPARISON_DAYS = 90;

/**
 * The period arguments of a comparison: the one the question names, else the seed's 90 days as a
 * custom window ending today (from and to are inclusive calendar days).
 */
export function comparisonPeriod(
  message: string,
  now: Date = new Date(),
): { period: PeriodName } | { period: 'custom'; from: string; to: string } {
  const named = readNamedPeriod(normalizeText(message));
  if (named) return { period: named };
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { period: 'custom', from: day(new Date(now.getTime() - (COMPARISON_DAYS - 1) * 86_400_000)), to: day(now) };
}

/** How a period reads in the session's language: "ontem", "yesterday", "ayer". */
export function periodLabel(period: string): string {
  return labelIn(period, answerLocale().language);
}

// The words are joined before the split (without the parentheses, `.split` bound to the last string
// only and the set held single letters, so "the" passed as an agent's name).
const NOT_NAMES = new Set(
  (
    'o a os as e que do da de no na um uma bot time equipe humano humanos humana atendente atendentes agente agentes vendedor vendedora melhor pior mais menos porque por pq why does is than the and with of agent voce eu ele ela ' +
    'qualidade conversa conversas mensagem mensagens taxa conversao semana mes hoje ontem resposta respostas ' +
    'tom gramatica analise analisa compara comparar diferenca vendas venda leads lead media nota suporte ' +
    'quality tone grammar messages conversion rate week month team sales support'
  ).split(' '),
);

const lastAgentNames = rememberLast(agentNamesOf, (names) => [...names]);

/**
 * Agent names a manager's question mentions: capitalized words ("João", "Maria") or the words after
 * "o/a/do/da/agent" when the message is all lower case. At most two, in order.
 */
export function readAgentNames(message: string): string[] {
  return lastAgentNames(message);
}

function agentNamesOf(message: string): string[] {
  const names: string[] = [];
  const add = (raw: string) => {
    const name = raw.trim();
    const key = normalizeText(name);
    if (!key || NOT_NAMES.has(key) || key.length < 3 || names.some((n) => normalizeText(n) === key)) return;
    names.push(name);
  };
  // Capitalized words that are not the first word of the message.
  const words = message.split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    // "Liam's" is Liam.
    const word = (words[i] as string).replace(/['’]s\b/u, '').replace(/[^\p{L}]/gu, '');
    if (/^\p{Lu}\p{Ll}+$/u.test(word)) add(word);
  }
  if (names.length < 2) {
    const text = normalizeText(message);
    for (const match of text.matchAll(
      /\b(?:o|a|do|da|agent|agente|atendente|of|and|e|que o|que a|than)\s+([a-z]{3,})/g,
    )) {
      add(match[1] as string);
      if (names.length >= 2) break;
    }
  }
  return names.slice(0, 2);
}
