import { normalizeText } from '../../../../../shared/index.js';
import { ESCALATION_AGENT_NAME } from '../../../../catalog/patterns/pattern-names.js';
import type { OfflinePolicy } from '../../offline-policy.js';
import { handoffCall } from '../../policy-kit/handoff-policy.js';
import { supportTechnicalPolicy } from '../support.js';

const BILLING_WORDS = [
  'boleto',
  'fatura',
  'cobranca',
  'cobrado',
  'cobraram',
  'pagamento',
  'pagar',
  'reembolso',
  'estorno',
  'invoice',
  'billing',
  'charged',
  'refund',
  'nota fiscal',
];
const ANGER_WORDS = [
  'absurdo',
  'pessimo',
  'ridiculo',
  'vergonha',
  'procon',
  'processar',
  'advogado',
  'raiva',
  'lixo',
  'horrivel',
  'furious',
  'ridiculous',
  'terrible',
  'lawyer',
  'sue',
];

/** Very angry: anger words, or shouting (mostly capitals) with exclamation marks. */
export function isVeryAngry(message: string): boolean {
  const text = normalizeText(message);
  if (ANGER_WORDS.some((w) => new RegExp(`\\b${w}\\b`).test(text))) return true;
  const letters = message.replace(/[^A-Za-zÀ-ÿ]/g, '');
  const upper = letters.replace(/[^A-ZÀ-Þ]/g, '');
  return letters.length >= 12 && upper.length / letters.length > 0.7 && message.includes('!');
}

/** About money: invoices, charges, refunds. */
export function isBillingQuestion(message: string): boolean {
  const text = normalizeText(message);
  return BILLING_WORDS.some((w) => new RegExp(`\\b${w}\\b`).test(text));
}

/**
 * support_handoff (catalog/patterns/handoff.ts): hands a very angry customer over to escalation and a
 * billing question to support_billing; anything else it treats as support_technical would.
 */
export const supportHandoffPolicy: OfflinePolicy = {
  searchMemoryFirst: false,
  mainTool: (message, state) => {
    if (isVeryAngry(message)) {
      return { name: handoffCall(ESCALATION_AGENT_NAME), args: { reason: 'cliente muito irritado' } };
    }
    if (isBillingQuestion(message)) return { name: handoffCall('support_billing'), args: { reason: 'cobrança' } };
    // Without this turn's results: technical support's first step, as the pattern always did.
    return supportTechnicalPolicy.mainTool(message, state);
  },
  answer: (message, results, state) => supportTechnicalPolicy.answer(message, results, state),
};

/** escalation: opens a supervisor case with a severity read from the tone, answers with the ETA. */
export const escalationPolicy: OfflinePolicy = {
  mainTool: (message) => ({
    name: 'escalate_to_supervisor',
    args: {
      reason: `Cliente muito insatisfeito: ${message.slice(0, 200)}`,
      severity: isVeryAngry(message) ? 9 : 7,
    },
  }),
  answer: (_message, results) => {
    const result = results.get('escalate_to_supervisor') as Record<string, unknown> | undefined;
    const eta =
      result && typeof result['eta_minutes'] === 'number' ? ` em até ${result['eta_minutes']} minutos` : ' em breve';
    return `Sinto muito pelo transtorno. Registrei seu caso com prioridade e um supervisor vai falar com você${eta}.`;
  },
};
