import { definePolicy, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { excerpt } from '../policy-kit/read-message.js';
import { arr, field, num, objectResult, type Results, str } from '../policy-kit/tool-results.js';

/** The tool name retention calls the supervisor agent by (the seed's `escalate_supervisor`). */
export const SUPERVISOR_AGENT_TOOL = 'escalate_supervisor';

/** How retention opens its request, so the supervisor reads the severity back. */
export function supervisorRequest(severity: number): string {
  return `Escalar caso de retenção, severidade ${severity}.`;
}

/** The severity retention put in its request; 5 when it gave none. */
function requestedSeverity(request: string): number {
  const found = /severidade\s+(\d{1,2})/i.exec(request);
  const value = found ? Number(found[1]) : 5;
  return Math.min(10, Math.max(1, value));
}

function caseReason(request: string, results: Results): string {
  const value = objectResult(results, 'check_customer_value');
  const offers = arr(objectResult(results, 'get_past_offers')?.['offers']);
  const facts = [
    value ? `CLV ${num(value['clv']) ?? '?'}, tier ${str(value['tier']) ?? '?'}` : undefined,
    `${offers.length} oferta(s) anterior(es)`,
  ].filter((f): f is string => f !== undefined);
  return `Revisão do supervisor de retenção — ${facts.join('; ')}. Pedido: ${excerpt(request, 600)}`;
}

/**
 * retention_supervisor (an agent tool of retention_churn): value and past offers → the supervisor
 * case → a one-line JSON brief for retention (protocol, priority, what to tell the customer).
 */
export const retentionSupervisorPolicy: SteppedOfflinePolicy = definePolicy({
  searchMemoryFirst: false,
  terminal: ['escalate_to_supervisor'],
  steps: [
    () => ({ name: 'check_customer_value', args: {} }),
    () => ({ name: 'get_past_offers', args: {} }),
    (request, _state, results) => ({
      name: 'escalate_to_supervisor',
      // Retention's severity, as it judged it: the approval gate and the supervisor's queue read it.
      args: { reason: caseReason(request, results), severity: requestedSeverity(request) },
    }),
  ],
  primary: (request) => ({
    name: 'escalate_to_supervisor',
    args: {
      reason: `Revisão do supervisor de retenção. Pedido: ${excerpt(request, 600)}`,
      severity: requestedSeverity(request),
    },
  }),
  answer(request, results) {
    const escalation = objectResult(results, 'escalate_to_supervisor');
    const severity = num(field(escalation, 'severity')) ?? requestedSeverity(request);
    const id = str(field(escalation, 'escalation_id')) ?? null;
    return JSON.stringify({
      escalation_id: id,
      priority: str(field(escalation, 'priority')) ?? null,
      severity,
      brief: id
        ? `Caso aberto para a supervisão humana (severidade ${severity}); nenhuma oferta feita.`
        : 'Não consegui abrir o caso; nenhuma oferta feita.',
      customer_message: id
        ? `Um supervisor vai assumir o caso (protocolo ${id}) e entrar em contato.`
        : 'Um especialista vai revisar o caso e responder por aqui.',
    });
  },
});
