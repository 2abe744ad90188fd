import { type BaseAgent, LlmAgent } from '../../runtime/index.js';
import type { PatternFactory } from './pattern-factory.js';
import { ESCALATION_AGENT_NAME, SUPPORT_HANDOFF_NAME } from './pattern-names.js';

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
Em até 4 frases. Idioma da resposta: {language_instruction?}`,
    model: factory.model,
    tools: factory.tools(['escalate_to_supervisor', 'escalate_to_engineering', 'search_memory']),
    temperature: 0.3,
  });
  const billing = factory.createAgent('support_billing', { subAgents: [] });
  return factory.createAgent('support_technical', {
    name: SUPPORT_HANDOFF_NAME,
    description: 'Suporte de primeira linha que transfere para escalonamento ou cobrança quando preciso.',
    instruction: support.instruction + HANDOFF_RULES,
    subAgents: [escalation, billing],
  });
}
