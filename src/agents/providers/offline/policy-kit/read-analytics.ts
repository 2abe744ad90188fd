import { normalizeText } from '../../../../shared/index.js';

/** BI period names the bi tools accept. */
export type PeriodName = 'today' | 'yesterday' | 'this_week' | 'last_7_days' | 'this_month' | 'last_30_days';

/** The period a BI question names ("hoje", "ontem", "semana", "mês", "últimos 7/30 dias"), else the fallback. */
export function readPeriod(message: string, fallback: PeriodName = 'last_30_days'): PeriodName {
  const text = ` ${normalizeText(message)} `;
  if (/ (?:hoje|today|hj) /.test(text)) return 'today';
  if (/ (?:ontem|yesterday) /.test(text)) return 'yesterday';
  if (/ (?:ultimos|last) 7 (?:dias|days) /.test(text)) return 'last_7_days';
  if (/ (?:ultimos|last) 30 (?:dias|days) /.test(text)) return 'last_30_days';
  if (/ (?:essa|esta|nessa|nesta|da|this) (?:semana|week) /.test(text) || / semana /.test(text)) return 'this_week';
  if (/ (?:esse|este|nesse|neste|do|this) (?:mes|month) /.test(text) || / mes /.test(text)) return 'this_month';
  return fallback;
}

/** PT-BR label of a period name. */
export function periodLabel(period: string): string {
  const labels: Record<string, string> = {
    today: 'hoje',
    yesterday: 'ontem',
    this_week: 'nesta semana',
    last_7_days: 'nos últimos 7 dias',
    this_month: 'neste mês',
    last_30_days: 'nos últimos 30 dias',
  };
  return labels[period] ?? period;
}

const NOT_NAMES = new Set(
  'o a os as e que do da de no na um uma bot time equipe humano humanos humana atendente atendentes agente agentes vendedor vendedora melhor pior mais menos porque por pq why does is than the and with of agent voce eu ele ela ' +
    'qualidade conversa conversas mensagem mensagens taxa conversao semana mes hoje ontem resposta respostas ' +
    'tom gramatica analise analisa compara comparar diferenca vendas venda leads lead media nota suporte ' +
    'quality tone grammar messages conversion rate week month team sales support'.split(' '),
);

/**
 * Agent names a manager's question mentions: capitalized words ("João", "Maria") or the words after
 * "o/a/do/da/agent" when the message is all lower case. At most two, in order.
 */
export function readAgentNames(message: string): string[] {
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
    const word = (words[i] as string).replace(/[^\p{L}]/gu, '');
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
