import { normalizeText } from '../../../shared/index.js';
import type { OfflinePolicy } from '../../model/index.js';
import { type BaseAgent, LlmAgent } from '../../runtime/index.js';
import { type PatternFactory, PLAIN_AGENT_CALLBACKS } from './pattern-factory.js';

/** Name of the first-line support agent of the handoff pattern. */
export const SUPPORT_HANDOFF_NAME = 'support_handoff';
/** Name of the escalation agent the support agent can transfer to. */
export const ESCALATION_AGENT_NAME = 'escalation';

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

const HANDOFF_RULES = `

# REGRAS DE TRANSFERÊNCIA (handoff)
- Cliente muito irritado (xingamentos, ameaça de Procon/processo, sentimento < -0.7): chame
  transfer_to_${ESCALATION_AGENT_NAME}.
- Pergunta sobre cobrança, boleto, fatura, reembolso: chame transfer_to_support_billing.
- Caso contrário: resolva você mesmo com as suas ferramentas.`;

/**
 * The seed's Handoff pattern (Support → Escalation, billing transfer): first-line support that solves
 * technical problems itself and hands the conversation over — with its history — to an escalation
 * agent when the customer is very angry, or to billing for money questions.
 */
export function createSupportHandoff(factory: PatternFactory): BaseAgent {
  const support = factory.template('support_technical');
  const escalation = new LlmAgent({
    name: ESCALATION_AGENT_NAME,
    description: 'Escalonamento: acalma o cliente e abre um caso com a supervisão humana.',
    instruction: `Você é o agente de escalonamento do Ventros CRM. O cliente está muito insatisfeito.
1. Reconheça o problema com empatia, sem se justificar.
2. Registre o caso com escalate_to_supervisor (motivo, severidade de 1 a 10) ou, se for falha técnica,
   escalate_to_engineering.
3. Diga ao cliente quem vai retornar e em quanto tempo (use o que a ferramenta devolveu).
Responda em português do Brasil, em até 4 frases.`,
    model: factory.model,
    tools: factory.tools(['escalate_to_supervisor', 'escalate_to_engineering', 'search_memory']),
    temperature: 0.3,
    offline: escalationPolicy,
    callbacks: PLAIN_AGENT_CALLBACKS,
  });
  const billing = factory.createAgent('support_billing', { subAgents: [] });
  const basePolicy = factory.offlinePolicy('support_technical');
  return factory.createAgent('support_technical', {
    name: SUPPORT_HANDOFF_NAME,
    description: 'Suporte de primeira linha que transfere para escalonamento ou cobrança quando preciso.',
    instruction: support.instruction + HANDOFF_RULES,
    subAgents: [escalation, billing],
    offline: {
      searchMemoryFirst: false,
      mainTool: (message, state) => {
        if (isVeryAngry(message))
          return { name: `transfer_to_${ESCALATION_AGENT_NAME}`, args: { reason: 'cliente muito irritado' } };
        if (isBillingQuestion(message)) return { name: 'transfer_to_support_billing', args: { reason: 'cobrança' } };
        return basePolicy?.mainTool?.(message, state);
      },
      answer: (message, results, state) =>
        basePolicy?.answer(message, results, state) ??
        'Entendi o problema. Vou verificar e já te retorno com a solução.',
    },
  });
}

/** Offline escalation: opens a supervisor case with a severity read from the tone, answers with the ETA. */
const escalationPolicy: OfflinePolicy = {
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
