import { normalizeText } from '../../../../shared/index.js';
import { commaName, definePolicy, type PolicyCall, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { formatBrt } from '../policy-kit/read-date.js';
import { excerpt, mentions, readSeverity, say } from '../policy-kit/read-message.js';
import { arr, errorResult, field, objectResult, type Results, str } from '../policy-kit/tool-results.js';

/** Components the status page knows, by the words customers use for them. */
const COMPONENT_WORDS: Array<[string, RegExp]> = [
  ['whatsapp', /whats|zap|wpp/],
  ['api', /\bapi\b|webhook|integracao|sincroniz/],
  ['billing', /cobranca|fatura|boleto|pagamento/],
  ['dashboard', /painel|dashboard|relatorio|tela|pagina|site|website/],
];

export function componentOf(message: string): string | undefined {
  const text = normalizeText(message);
  return COMPONENT_WORDS.find(([, re]) => re.test(text))?.[0];
}

/** A billing complaint this severe (a legal threat: 9; anger: 7) is a supervisor's, as its instruction says. */
const BILLING_SUPERVISOR_SEVERITY = 8;

const BILLING_WORDS = [
  'fatura',
  'boleto',
  'cobranca',
  'cobrado',
  'cobraram',
  'nota fiscal',
  'estorno',
  'reembolso',
  'invoice',
  'refund',
  'charged',
  'factura',
  'cobro',
  'cobraron',
];

function statusLine(
  results: Results,
  component: string | undefined,
): { pt: string; en: string; es: string } | undefined {
  const components = arr(field(results.get('check_system_status'), 'components'));
  const affected = components.find(
    (c) => field(c, 'status') !== 'operational' && (component === undefined || field(c, 'component') === component),
  );
  if (!affected) return undefined;
  const name = str(field(affected, 'component')) ?? 'sistema';
  const status = str(field(affected, 'status')) ?? '';
  const note = str(field(affected, 'message'));
  const ptStatus: Record<string, string> = {
    degraded: 'instabilidade',
    outage: 'indisponibilidade',
    maintenance: 'manutenção',
  };
  const esStatus: Record<string, string> = {
    degraded: 'inestabilidad',
    outage: 'una caída',
    maintenance: 'mantenimiento',
  };
  return {
    pt: `Identificamos ${ptStatus[status] ?? status} em ${name}${note ? ` (${note})` : ''}.`,
    en: `We are seeing ${status} on ${name}${note ? ` (${note})` : ''}.`,
    es: `Detectamos ${esStatus[status] ?? status} en ${name}${note ? ` (${note})` : ''}.`,
  };
}

/** The error codes get_error_logs found, for the ticket: " | Erros registrados: PDV_SYNC_TIMEOUT (2×)". */
export function errorCodesLine(results: Results): string {
  const codes = arr(objectResult(results, 'get_error_logs')?.['by_code'])
    .slice(0, 5)
    .map((c) => `${str(field(c, 'code')) ?? '?'} (${String(field(c, 'count') ?? 1)}×)`);
  return codes.length > 0 ? ` | Erros registrados: ${codes.join(', ')}` : '';
}

/** support_technical: billing → hand off; else status check → ticket → engineering for outages or severity ≥ 8. */
export const supportTechnicalPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message) =>
      mentions(message, ...BILLING_WORDS)
        ? { name: 'transfer_to_support_billing', args: { reason: 'Assunto de cobrança' } }
        : undefined,
    (message) => {
      const component = componentOf(message);
      return { name: 'check_system_status', args: component && component !== 'billing' ? { component } : {} };
    },
    // The account's own errors (the seed's optional get_error_logs): the exact failure goes on the ticket.
    (message) => {
      const component = componentOf(message);
      return { name: 'get_error_logs', args: component ? { component } : {}, optional: true };
    },
    (message, _state, results) => ({
      name: 'create_ticket',
      args: {
        subject: excerpt(message, 80),
        description: `Relato do cliente: ${excerpt(message, 900)}${errorCodesLine(results)}`,
        category: 'technical',
        severity: Math.max(4, readSeverity(message)),
      },
    }),
    (message, _state, results) => {
      const ticketId = str(field(objectResult(results, 'create_ticket'), 'ticket', 'ticket_id'));
      const overall = str(objectResult(results, 'check_system_status')?.['overall']);
      if (!ticketId || (overall !== 'outage' && readSeverity(message) < 8)) return undefined;
      return {
        name: 'escalate_to_engineering',
        args: {
          ticket_id: ticketId,
          reason: `Cliente relata: "${excerpt(message, 300)}"; status da plataforma: ${overall ?? 'desconhecido'}`,
        },
      };
    },
  ],
  primary: (message) =>
    mentions(message, ...BILLING_WORDS)
      ? { name: 'transfer_to_support_billing', args: { reason: 'Assunto de cobrança' } }
      : {
          name: 'create_ticket',
          args: {
            subject: excerpt(message, 80),
            description: `Relato do cliente: ${excerpt(message, 1000)}`,
            category: 'technical',
            severity: Math.max(4, readSeverity(message)),
          },
        },
  answer(message, results, state) {
    const name = commaName(state, results);
    const status = statusLine(results, componentOf(message));
    const ticket = objectResult(results, 'create_ticket');
    const ticketId = str(field(ticket, 'ticket', 'ticket_id'));
    const escalated = objectResult(results, 'escalate_to_engineering');
    const parts: { pt: string[]; en: string[]; es: string[] } = {
      pt: [`Sinto muito pelo transtorno${name}.`],
      en: [`Sorry for the trouble${name}.`],
      es: [`Lamento mucho el inconveniente${name}.`],
    };
    if (status) {
      parts.pt.push(status.pt);
      parts.en.push(status.en);
      parts.es.push(status.es);
    }
    if (ticketId) {
      parts.pt.push(`Abri o chamado ${ticketId}${escalated ? ' e já acionei nossa engenharia' : ''}.`);
      parts.en.push(`I opened ticket ${ticketId}${escalated ? ' and alerted our engineering team' : ''}.`);
      parts.es.push(`Abrí el ticket ${ticketId}${escalated ? ' y ya avisé a nuestro equipo de ingeniería' : ''}.`);
    } else if (errorResult(results, 'create_ticket')) {
      parts.pt.push('Não consegui registrar o chamado agora; vou pedir para um atendente assumir.');
      parts.en.push('I could not open the ticket right now; I will ask an agent to take over.');
      parts.es.push('No pude registrar el ticket ahora; le pediré a un agente que tome tu caso.');
    }
    parts.pt.push(
      status
        ? 'Assim que normalizar, te aviso. Enquanto isso, pode me dizer se o problema aparece em outro navegador ou no celular?'
        : 'Para eu avançar: desde quando acontece, e aparece alguma mensagem de erro? Se puder, mande um print.',
    );
    parts.en.push(
      status
        ? 'I will let you know as soon as it is back to normal. Meanwhile, does it also happen on another browser or on your phone?'
        : 'To move forward: since when does it happen, and do you see an error message? A screenshot helps.',
    );
    parts.es.push(
      status
        ? 'Te aviso en cuanto se normalice. Mientras tanto, ¿el problema aparece también en otro navegador o en el celular?'
        : 'Para avanzar: ¿desde cuándo pasa y aparece algún mensaje de error? Si puedes, mándame una captura.',
    );
    return say(message, parts.pt.join(' '), parts.en.join(' '), parts.es.join(' '));
  },
});

function billingSubject(message: string): string {
  if (mentions(message, 'duas vezes', 'duplicada', 'duplicado', 'a mais', 'twice', 'double'))
    return 'Cobrança em duplicidade';
  if (mentions(message, 'segunda via', 'boleto', 'venceu')) return 'Segunda via de boleto';
  if (mentions(message, 'nota fiscal', 'nf', 'receipt', 'recibo')) return 'Nota fiscal';
  if (mentions(message, 'estorno', 'reembolso', 'refund')) return 'Pedido de estorno';
  if (mentions(message, 'cartao', 'recusado', 'card', 'declined', 'pix', 'forma de pagamento'))
    return 'Forma de pagamento';
  return 'Dúvida de cobrança';
}

/** support_billing: one billing ticket with the kind of request; severity higher for disputed charges. */
/** Its instruction's rule 5: a legal threat or a furious customer goes to a supervisor, not a queue. */
function billingEscalation(message: string): PolicyCall | undefined {
  const severity = readSeverity(message);
  if (severity < BILLING_SUPERVISOR_SEVERITY) return undefined;
  const reason = `Cobrança contestada com ameaça jurídica ou cliente muito irritado (severidade ${severity}): "${excerpt(message, 300)}"`;
  return {
    name: 'escalate_to_supervisor',
    args: { reason, severity },
    fallback: {
      name: 'create_ticket',
      args: { subject: billingSubject(message), description: reason, category: 'billing', severity },
    },
  };
}

function billingTicket(message: string): PolicyCall {
  const subject = billingSubject(message);
  const disputed = subject === 'Cobrança em duplicidade' || subject === 'Pedido de estorno';
  return {
    name: 'create_ticket',
    args: {
      subject,
      description: `Cliente: ${excerpt(message, 1000)}`,
      category: 'billing',
      // Severity 8 and up never gets here: billingEscalation takes it to a supervisor first.
      severity: disputed ? 6 : 4,
    },
  };
}

export const supportBillingPolicy: SteppedOfflinePolicy = definePolicy({
  terminal: ['escalate_to_supervisor'],
  steps: [billingEscalation, billingTicket],
  primary: (message) => billingEscalation(message) ?? billingTicket(message),
  answer(message, results, state) {
    const name = commaName(state, results);
    const escalation = objectResult(results, 'escalate_to_supervisor');
    const reference = str(escalation?.['escalation_id']);
    if (reference) {
      return say(
        message,
        `Entendo sua preocupação${name}, e sinto muito pelo transtorno. Encaminhei a contestação a um supervisor do financeiro (protocolo ${reference}); ele vai analisar a cobrança com prioridade e falar com você por aqui.`,
        `I understand your concern${name}, and I am sorry for the trouble. I escalated the disputed charge to a billing supervisor (reference ${reference}); they will review it as a priority and reply here.`,
        `Entiendo tu preocupación${name}, y lamento mucho la molestia. Pasé el cobro en disputa a un supervisor de facturación (protocolo ${reference}); lo revisará con prioridad y te responderá por aquí.`,
      );
    }
    const ticket = objectResult(results, 'create_ticket');
    const id = str(field(ticket, 'ticket', 'ticket_id'));
    const subject = str(field(ticket, 'ticket', 'subject')) ?? billingSubject(message);
    if (id) {
      return say(
        message,
        `Certo${name}! Registrei sua solicitação (${subject.toLowerCase()}) no protocolo ${id}, e nosso time financeiro vai verificar e te responder por aqui. Se tiver o número da fatura ou o comprovante, pode me enviar que eu anexo.`,
        `Sure${name}! I logged your request (${subject.toLowerCase()}) under reference ${id}; our billing team will check it and reply here. If you have the invoice number or receipt, send it and I will attach it.`,
        `¡Listo${name}! Registré tu solicitud en el protocolo ${id} y nuestro equipo de facturación la va a revisar y te responde por aquí. Si tienes el número de la factura o el comprobante, envíamelo y lo adjunto.`,
      );
    }
    return say(
      message,
      `Certo${name}! Para eu verificar, me passa o número da fatura ou o mês da cobrança?`,
      `Sure${name}! To check it, could you send the invoice number or the month of the charge?`,
      `¡Claro${name}! Para revisarlo, ¿me pasas el número de la factura o el mes del cobro?`,
    );
  },
});

const ONBOARDING_TOPICS: Array<[RegExp, string, string, string]> = [
  [
    /importar|planilha|excel|csv|lista de clientes|contatos|contactos/,
    'importar seus contatos',
    'importing your contacts',
    'importar tus contactos',
  ],
  [/whats|zap|numero|conectar/, 'conectar seu WhatsApp', 'connecting your WhatsApp', 'conectar tu WhatsApp'],
  [
    /equipe|usuario|convidar|time|invite|team|users|equipo/,
    'cadastrar sua equipe',
    'adding your team',
    'registrar a tu equipo',
  ],
  [
    /funil|pipeline|etapas|etiquetas|embudo/,
    'configurar seu funil',
    'setting up your pipeline',
    'configurar tu embudo',
  ],
];

function onboardingTopic(message: string): { pt: string; en: string; es: string } {
  const text = normalizeText(message);
  const found = ONBOARDING_TOPICS.find(([re]) => re.test(text));
  return found
    ? { pt: found[1], en: found[2], es: found[3] }
    : { pt: 'os primeiros passos', en: 'your first steps', es: 'los primeros pasos' };
}

/** support_onboarding: a guided onboarding session on the topic the customer asked about. */
export const supportOnboardingPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message) => ({
      name: 'create_follow_up_task',
      args: {
        title: `Sessão de onboarding: ${onboardingTopic(message).pt} — "${excerpt(message, 100)}"`,
        due_in_days: 1,
      },
    }),
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    const topic = onboardingTopic(message);
    const task = objectResult(results, 'create_follow_up_task');
    const due = str(task?.['due_at']);
    if (task) {
      return say(
        message,
        `Bem-vindo(a)${name}! Para ${topic.pt}, agendei uma sessão guiada com nosso time${due ? ` para ${formatBrt(due)}` : ''}. Se preferir começar agora, me diz o que você já configurou que eu te guio no próximo passo.`,
        `Welcome${name}! For ${topic.en}, I scheduled a guided session with our team${due ? ` on ${formatBrt(due)}` : ''}. If you want to start now, tell me what you have already set up and I will guide you through the next step.`,
        `¡Bienvenido(a)${name}! Para ${topic.es}, agendé una sesión guiada con nuestro equipo${due ? ` para el ${formatBrt(due)}` : ''}. Si prefieres empezar ahora, cuéntame qué ya configuraste y te guío en el siguiente paso.`,
      );
    }
    return say(
      message,
      `Bem-vindo(a)${name}! Vamos por partes: para ${topic.pt}, me diz o que você já configurou que eu te guio no próximo passo.`,
      `Welcome${name}! Step by step: for ${topic.en}, tell me what you have already set up and I will guide you.`,
      `¡Bienvenido(a)${name}! Vamos por partes: para ${topic.es}, cuéntame qué ya configuraste y te guío en el siguiente paso.`,
    );
  },
});
