import { formatMoney, formatNumber, type Language } from '../../shared/index.js';
import type { PublicAgentStats } from './bi-context.js';

/** Language and money of a comparison's sentences: the asker's language, the tenant's currency. */
export interface InsightLocale {
  language: Language;
  currency: string;
}

type Phrase<A extends unknown[]> = Readonly<Record<Language, (...args: A) => string>>;

const FASTER: Phrase<[string, string, string, string, string]> = {
  pt: (fast, ratio, tf, ts, slow) => `${fast} responde ${ratio}x mais rápido (${tf} min vs ${ts} min de ${slow}).`,
  en: (fast, ratio, tf, ts, slow) => `${fast} responds ${ratio}x faster (${tf} min vs ${ts} min for ${slow}).`,
  es: (fast, ratio, tf, ts, slow) => `${fast} responde ${ratio}x más rápido (${tf} min vs ${ts} min de ${slow}).`,
};

const CONVERTS: Phrase<[string, string, string, string]> = {
  pt: (hi, rh, rl, lo) => `${hi} converte ${rh}% dos leads contra ${rl}% de ${lo}.`,
  en: (hi, rh, rl, lo) => `${hi} converts ${rh}% of leads against ${rl}% for ${lo}.`,
  es: (hi, rh, rl, lo) => `${hi} convierte el ${rh}% de los leads frente al ${rl}% de ${lo}.`,
};

const EARNED: Phrase<[string, string, string, string]> = {
  pt: (hi, mh, ml, lo) => `${hi} gerou ${mh} em receita contra ${ml} de ${lo}.`,
  en: (hi, mh, ml, lo) => `${hi} generated ${mh} in revenue against ${ml} for ${lo}.`,
  es: (hi, mh, ml, lo) => `${hi} generó ${mh} en ingresos frente a ${ml} de ${lo}.`,
};

/**
 * Factual sentences computed from two agents' numbers (response time, conversion, revenue), in the
 * asker's language with the locale's separators and money (`R$ 10.800,00`, `R$10,800.00`,
 * `10.800,00 R$`). The model and the offline policies quote them as they come.
 */
export function comparisonInsights(a: PublicAgentStats, b: PublicAgentStats, locale: InsightLocale): string[] {
  const { language, currency } = locale;
  const num = (n: number, decimals: number) => formatNumber(n, language, decimals);
  const out: string[] = [];
  const ta = a.avg_response_seconds;
  const tb = b.avg_response_seconds;
  if (ta !== null && tb !== null && ta > 0 && tb > 0 && ta !== tb) {
    const [fast, slow, tf, ts] = ta < tb ? [a, b, ta, tb] : [b, a, tb, ta];
    const ratio = num(Math.round((ts / tf) * 10) / 10, 1);
    out.push(FASTER[language](fast.name, ratio, num(Math.round(tf / 60), 0), num(Math.round(ts / 60), 0), slow.name));
  }
  if (a.conversion_rate !== b.conversion_rate) {
    const [hi, lo] = a.conversion_rate > b.conversion_rate ? [a, b] : [b, a];
    out.push(CONVERTS[language](hi.name, num(hi.conversion_rate, 1), num(lo.conversion_rate, 1), lo.name));
  }
  if (a.revenue !== b.revenue) {
    const [hi, lo] = a.revenue > b.revenue ? [a, b] : [b, a];
    out.push(
      EARNED[language](
        hi.name,
        formatMoney(hi.revenue, language, currency),
        formatMoney(lo.revenue, language, currency),
        lo.name,
      ),
    );
  }
  return out;
}
