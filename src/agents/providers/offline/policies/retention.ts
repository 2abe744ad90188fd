import { commaName, definePolicy, type PolicyCall, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { isOptOut, optOutAnswer, recordOptOut } from '../policy-kit/opt-out.js';
import { formatBrt } from '../policy-kit/read-date.js';
import { excerpt, mentions, readPercent, readSeverity, say } from '../policy-kit/read-message.js';
import { ESCALATION_SENTIMENT, readSentiment } from '../policy-kit/read-sentiment.js';
import { selfChecked } from '../policy-kit/self-check.js';
import { errorResult, field, num, objectResult, type Results, str } from '../policy-kit/tool-results.js';
import { SUPERVISOR_AGENT_TOOL, supervisorRequest } from './retention-supervisor.js';

const MAX_DISCOUNT = 30;
const SUPERVISOR_SEVERITY = 8;
/** The seed's decision tree: below this severity, no discount — solutions, and the feedback documented. */
const OFFER_SEVERITY = 5;

/** The seed's "document feedback for the product team" for a mild case, in the contact's memory. */
const documentFeedback = (message: string) => ({
  name: 'store_memory',
  args: {
    content: `Feedback do cliente (risco baixo, sem desconto oferecido): "${excerpt(message, 300)}"`,
    memory_type: 'feedback',
    importance: 0.6,
    metadata: { source: 'retention', for_team: 'product', severity: readSeverity(message) },
  },
});

/** The discount for a customer: by value segment, +5 after two years, never above 30 %. */
export function retentionDiscount(results: Results): number {
  const value = objectResult(results, 'check_customer_value');
  const segment = str(value?.['value_segment']);
  const tenure = num(value?.['tenure_months']) ?? 0;
  const base = segment === 'high' ? 25 : segment === 'medium' ? 20 : 15;
  return Math.min(MAX_DISCOUNT, base + (tenure >= 24 ? 5 : 0));
}

function reasonOf(message: string): string {
  if (mentions(message, 'caro', 'preco', 'valor', 'expensive', 'price'))
    return `Objeção de preço: "${excerpt(message, 160)}"`;
  return `Risco de cancelamento: "${excerpt(message, 160)}"`;
}

type State = Readonly<Record<string, unknown>>;

/** The seed's "escalate immediately": sentiment below −0.5, or severity ≥ 8. */
function mustEscalate(message: string, state: State): boolean {
  return readSentiment(message, state) < ESCALATION_SENTIMENT || readSeverity(message) >= SUPERVISOR_SEVERITY;
}

/**
 * The seed's "If escalating: call escalate_supervisor": the supervisor agent (an agent tool) reviews the
 * case and opens it; an agent without that tool escalates directly with escalate_to_supervisor.
 */
const escalate = (message: string, state: State): PolicyCall => {
  const sentiment = readSentiment(message, state);
  // A furious customer is urgent whatever the words: the supervisor sees it at severity ≥ 8.
  const severity =
    sentiment < ESCALATION_SENTIMENT ? Math.max(readSeverity(message), SUPERVISOR_SEVERITY) : readSeverity(message);
  const reason = `Cliente em risco de cancelamento (severidade ${readSeverity(message)}, sentimento ${sentiment}): "${excerpt(message, 300)}"`;
  return {
    name: SUPERVISOR_AGENT_TOOL,
    args: { request: `${supervisorRequest(severity)} ${reason}` },
    fallback: { name: 'escalate_to_supervisor', args: { reason, severity } },
  };
};

function offerAnswer(
  message: string,
  results: Results,
  state: Readonly<Record<string, unknown>>,
  intro: string,
): string | undefined {
  const offer = objectResult(results, 'create_retention_offer');
  if (!offer) return undefined;
  const pct = num(field(offer, 'offer', 'discount_percent'));
  const months = num(offer['duration_months']);
  const until = str(field(offer, 'offer', 'valid_until'));
  const tenure = num(objectResult(results, 'check_customer_value')?.['tenure_months']);
  const name = commaName(state, results);
  const tenurePt =
    tenure && tenure >= 6 ? ` Você está com a gente há ${tenure} meses e valorizamos muito essa parceria.` : '';
  const tenureEn = tenure && tenure >= 6 ? ` You have been with us for ${tenure} months and we value that a lot.` : '';
  const untilPt = until ? `, válida até ${formatBrt(until, false)}` : '';
  const untilEn = until ? `, valid until ${formatBrt(until, false)}` : '';
  const tenureEs = tenure && tenure >= 6 ? ` Llevas ${tenure} meses con nosotros y valoramos mucho esa confianza.` : '';
  const untilEs = until ? `, válida hasta ${formatBrt(until, false)}` : '';
  return say(
    message,
    `${intro}${name}.${tenurePt} Preparei uma condição especial de ${pct}% de desconto por ${months} meses${untilPt}. Posso aplicar para você?`,
    `I understand${name}.${tenureEn} I prepared a special ${pct}% discount for ${months} months${untilEn}. Shall I apply it?`,
    `Entiendo${name}.${tenureEs} Preparé una condición especial de ${pct}% de descuento por ${months} meses${untilEs}. ¿Te la aplico?`,
  );
}

function escalationAnswer(
  message: string,
  results: Results,
  state: Readonly<Record<string, unknown>>,
): string | undefined {
  const escalation = objectResult(results, 'escalate_to_supervisor') ?? objectResult(results, SUPERVISOR_AGENT_TOOL);
  if (!escalation) return undefined;
  const id = str(escalation['escalation_id']);
  const urgent = escalation['priority'] === 'urgent';
  const name = commaName(state, results);
  return say(
    message,
    `Entendo sua frustração${name}, e sinto muito por isso. Encaminhei seu caso a um supervisor${urgent ? ' com prioridade urgente' : ''} (protocolo ${id}); ele vai entrar em contato com você o quanto antes.`,
    `I understand your frustration${name}, and I am sorry. I escalated your case to a supervisor${urgent ? ' as urgent' : ''} (reference ${id}); they will contact you shortly.`,
    `Entiendo tu frustración${name}, y lo siento mucho. Pasé tu caso a un supervisor${urgent ? ' con prioridad urgente' : ''} (protocolo ${id}); se pondrá en contacto contigo lo antes posible.`,
  );
}

/** retention_churn: value check → escalate (severity ≥ 8 or CLV > R$ 50,000) or an offer ≤ 30 %. */
export const retentionChurnPolicy: SteppedOfflinePolicy = definePolicy({
  terminal: ['escalate_to_supervisor', SUPERVISOR_AGENT_TOOL, 'store_memory'],
  steps: [
    // An opt-out that reached retention anyway is still an opt-out: record it, never make an offer.
    (message) => (isOptOut(message) ? recordOptOut() : undefined),
    (message, state) => (mustEscalate(message, state) ? escalate(message, state) : undefined),
    () => ({ name: 'check_customer_value', args: {} }),
    (message, state, results) => {
      const value = objectResult(results, 'check_customer_value');
      if (value?.['requires_supervisor'] === true) return escalate(message, state);
      if (readSeverity(message) < OFFER_SEVERITY) return documentFeedback(message);
      if ((num(value?.['offers_made']) ?? 0) >= 3) return undefined;
      return {
        name: 'create_retention_offer',
        args: {
          discount_percent: retentionDiscount(results),
          duration_months: 3,
          reason: reasonOf(message),
          offer_type: 'discount',
        },
      };
    },
  ],
  // Without the value check's result: escalate critical cases, otherwise make the standard offer and let
  // the server's rules (CLV, attempts) refuse it when they apply.
  primary: (message, state) =>
    isOptOut(message)
      ? recordOptOut()
      : mustEscalate(message, state)
        ? escalate(message, state)
        : readSeverity(message) < OFFER_SEVERITY
          ? documentFeedback(message)
          : {
              name: 'create_retention_offer',
              args: { discount_percent: 20, duration_months: 3, reason: reasonOf(message), offer_type: 'discount' },
            },
  answer(message, results, state) {
    if (isOptOut(message)) {
      return optOutAnswer(message, commaName(state, results), objectResult(results, 'store_memory') !== undefined);
    }
    // The seed's self-reflection before sending: empathetic, and no promise the tools did not make.
    return selfCheckedRetention(message, results, state, churnDraft(message, results, state));
  },
});

/** The safe answer and the acknowledgement the self-check falls back on. */
function selfCheckedRetention(message: string, results: Results, state: State, draft: string): string {
  const offer = objectResult(results, 'create_retention_offer');
  const name = commaName(state, results);
  return selfChecked(
    draft,
    {
      discountPercent: num(field(offer, 'offer', 'discount_percent')),
      months: num(offer?.['duration_months']),
      tenureMonths: num(objectResult(results, 'check_customer_value')?.['tenure_months']),
    },
    say(message, `Entendo${name}.`, `I understand${name}.`, `Entiendo${name}.`),
    say(
      message,
      `Entendo${name}, e quero resolver isso com cuidado. Vou pedir para um especialista olhar o seu caso e te responder por aqui.`,
      `I understand${name}, and I want to get this right. I will ask a specialist to look into your case and reply here.`,
      `Entiendo${name}, y quiero resolverlo con cuidado. Le pediré a un especialista que revise tu caso y te responda por aquí.`,
    ),
  );
}

/** retention_churn's answer before the self-check: escalation, offer, refusal, respect, or a question. */
function churnDraft(message: string, results: Results, state: State): string {
  const escalated = escalationAnswer(message, results, state);
  if (escalated) return escalated;
  const offered = offerAnswer(message, results, state, 'Entendo sua frustração');
  if (offered) return offered;
  const name = commaName(state, results);
  const refused = errorResult(results, 'create_retention_offer');
  if (refused) {
    return say(
      message,
      `Entendo${name}. Não consigo liberar uma condição especial por aqui agora, mas um supervisor pode avaliar o seu caso com atenção. Quer que eu peça para ele falar com você?`,
      `I understand${name}. I cannot offer a special condition here right now, but a supervisor can look into your case carefully. Would you like me to ask them to contact you?`,
      `Entiendo${name}. No puedo ofrecer una condición especial por aquí ahora, pero un supervisor puede revisar tu caso con atención. ¿Quieres que le pida que hable contigo?`,
    );
  }
  if (objectResult(results, 'store_memory') || errorResult(results, 'store_memory')) {
    // Severity < 5: address the concern and propose a way forward, never a discount.
    return say(
      message,
      `Obrigado por me contar${name}, isso ajuda muito. Registrei seu comentário para o nosso time de produto. Posso te ajudar agora a ajustar o que não está funcionando bem — me diz o que mais pesa no seu dia a dia?`,
      `Thank you for telling me${name}, it really helps. I have passed your feedback on to our product team. I can help you adjust what is not working well right now — what weighs on you the most day to day?`,
      `Gracias por contármelo${name}, nos ayuda mucho. Registré tu comentario para nuestro equipo de producto. Puedo ayudarte ahora a ajustar lo que no funciona bien — ¿qué es lo que más te pesa en el día a día?`,
    );
  }
  const value = objectResult(results, 'check_customer_value');
  if (value && (num(value['offers_made']) ?? 0) >= 3) {
    return say(
      message,
      `Entendo${name}, e respeito sua decisão. Já fizemos ${num(value['offers_made'])} propostas anteriormente, então não vou insistir. Se quiser, te explico agora como concluir o cancelamento.`,
      `I understand${name}, and I respect your decision. We already made ${num(value['offers_made'])} offers before, so I will not insist. I can explain how to complete the cancellation.`,
      `Entiendo${name}, y respeto tu decisión. Ya te hicimos ${num(value['offers_made'])} propuestas antes, así que no voy a insistir. Si quieres, te explico ahora cómo completar la cancelación.`,
    );
  }
  return say(
    message,
    `Entendo${name}. Quero muito resolver isso: pode me contar o que mais te incomodou?`,
    `I understand${name}. I really want to fix this: could you tell me what bothered you the most?`,
    `Entiendo${name}. De verdad quiero resolverlo: ¿me cuentas qué fue lo que más te molestó?`,
  );
}

/** retention_winback: past offers → a come-back offer that does not repeat one already made (≤ 30 %). */
export const retentionWinbackPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    () => ({ name: 'get_past_offers', args: {} }),
    (message, _state, results) => {
      const past = objectResult(results, 'get_past_offers');
      if (past && (num(past['attempts_left']) ?? 1) <= 0) return undefined;
      const made = new Set(
        (Array.isArray(past?.['offers']) ? (past['offers'] as unknown[]) : []).map((o) =>
          num(field(o, 'discount_percent')),
        ),
      );
      const asked = readPercent(message);
      const candidates = [asked !== undefined && asked <= MAX_DISCOUNT ? Math.round(asked) : undefined, 20, 25, 30, 15];
      const pct = candidates.find((c): c is number => c !== undefined && c >= 1 && !made.has(c)) ?? 20;
      return {
        name: 'create_retention_offer',
        args: {
          discount_percent: pct,
          duration_months: 3,
          reason: `Reconquista: "${excerpt(message, 200)}"`,
          offer_type: 'discount',
        },
      };
    },
  ],
  primary: (message) => ({
    name: 'create_retention_offer',
    args: {
      discount_percent: 20,
      duration_months: 3,
      reason: `Reconquista: "${excerpt(message, 200)}"`,
      offer_type: 'discount',
    },
  }),
  answer(message, results, state) {
    return selfCheckedRetention(message, results, state, winbackDraft(message, results, state));
  },
});

/** retention_winback's answer before the self-check: the offer, a specialist, or a question. */
function winbackDraft(message: string, results: Results, state: State): string {
  const offered = offerAnswer(message, results, state, 'Que bom ter você de volta');
  if (offered) return offered;
  const name = commaName(state, results);
  const refused = errorResult(results, 'create_retention_offer');
  const past = objectResult(results, 'get_past_offers');
  if (refused || (past && (num(past['attempts_left']) ?? 1) <= 0)) {
    return say(
      message,
      `Que bom ter notícias suas${name}! Não consigo gerar uma nova condição por aqui, mas posso pedir para um especialista montar a melhor proposta de retorno. Pode ser?`,
      `Great to hear from you${name}! I cannot create a new offer here, but a specialist can put together the best come-back proposal. Shall I ask them?`,
      `¡Qué bueno saber de ti${name}! No puedo crear una nueva condición por aquí, pero un especialista puede armar la mejor propuesta para tu regreso. ¿Te parece?`,
    );
  }
  return say(
    message,
    `Que bom ter notícias suas${name}! Me conta o que te fez sair, assim vejo a melhor condição para você voltar.`,
    `Great to hear from you${name}! Tell me what made you leave, so I can find the best way for you to come back.`,
    `¡Qué bueno saber de ti${name}! Cuéntame qué te hizo salir, así busco la mejor condición para que vuelvas.`,
  );
}

/** retention_upsell: customer value → a follow-up for the expansion proposal. */
export const retentionUpsellPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    () => ({ name: 'check_customer_value', args: {} }),
    (message) => ({
      name: 'create_follow_up_task',
      args: { title: `Proposta de expansão: ${excerpt(message, 150)}`, due_in_days: 1 },
    }),
  ],
  primary: (message) => ({
    name: 'create_follow_up_task',
    args: { title: `Proposta de expansão: ${excerpt(message, 150)}`, due_in_days: 1 },
  }),
  answer(message, results, state) {
    const name = commaName(state, results);
    const value = objectResult(results, 'check_customer_value');
    const task = objectResult(results, 'create_follow_up_task');
    const tier = str(value?.['tier']);
    const tierPt = tier ? ` Hoje você está no plano ${tier}.` : '';
    const tierEn = tier ? ` You are currently on the ${tier} plan.` : '';
    const tierEs = tier ? ` Hoy estás en el plan ${tier}.` : '';
    if (task) {
      const due = str(task['due_at']);
      return say(
        message,
        `Que ótimo ver sua operação crescendo${name}!${tierPt} Pedi ao nosso time comercial a proposta de ampliação${due ? ` — retorno até ${formatBrt(due, false)}` : ''}. Quantos usuários ou quais módulos você precisa a mais?`,
        `Great to see your team growing${name}!${tierEn} I asked our sales team for the expansion proposal${due ? ` — expect it by ${formatBrt(due, false)}` : ''}. How many extra users or which modules do you need?`,
        `¡Qué bueno ver tu operación crecer${name}!${tierEs} Le pedí a nuestro equipo comercial la propuesta de ampliación${due ? ` — respuesta hasta ${formatBrt(due, false)}` : ''}. ¿Cuántos usuarios o qué módulos más necesitas?`,
      );
    }
    return say(
      message,
      `Que ótimo ver sua operação crescendo${name}!${tierPt} Quantos usuários ou quais módulos você precisa a mais?`,
      `Great to see your team growing${name}!${tierEn} How many extra users or which modules do you need?`,
      `¡Qué bueno ver tu operación crecer${name}!${tierEs} ¿Cuántos usuarios o qué módulos más necesitas?`,
    );
  },
});
