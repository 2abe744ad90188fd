import { commaName, definePolicy, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { readLeadSignals } from '../policy-kit/lead-signals.js';
import { formatBrt } from '../policy-kit/read-date.js';
import { excerpt, mentions, readPercent, say } from '../policy-kit/read-message.js';
import { errorResult, field, num, objectResult, str } from '../policy-kit/tool-results.js';

const ASSIGNABLE_SCORE = 60;
/** Hot lead: assigned to a closer at once (seed: 80+). */
const HOT_SCORE = 80;
/** Discount a salesperson may give alone; above it (up to 30 %) a supervisor decides. */
const SALES_DISCOUNT_LIMIT = 15;

const DISCOVERY_PT =
  '1) Quantas pessoas vão usar o sistema? 2) Qual o maior desafio no atendimento hoje? 3) Para quando vocês precisam?';
const DISCOVERY_EN = '1) How many people will use it? 2) What is your biggest challenge today? 3) When do you need it?';
const DISCOVERY_ES =
  '1) ¿Cuántas personas van a usar el sistema? 2) ¿Cuál es el mayor desafío en la atención hoy? 3) ¿Para cuándo lo necesitan?';

/**
 * sdr: score the lead → hot (≥ 80): assign to the best closer now, with high priority; warm (60–79):
 * nurture — a follow-up in 2 days, no assignment on a first contact; below 60: a long nurture.
 */
export const sdrPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message) => ({ name: 'calculate_lead_score', args: { ...readLeadSignals(message), save: true } }),
    (message, _state, results) => {
      const score = num(objectResult(results, 'calculate_lead_score')?.['total_score']);
      if (score === undefined) return undefined;
      if (score >= HOT_SCORE) {
        return {
          name: 'assign_to_agent',
          args: {
            strategy: 'best_conversion',
            priority: 'high',
            insights: [`Primeiro contato: "${excerpt(message, 200)}"`],
            next_steps: ['Contato do closer hoje, com proposta para o tamanho da equipe'],
          },
        };
      }
      const warm = score >= ASSIGNABLE_SCORE;
      return {
        name: 'create_follow_up_task',
        args: warm
          ? { title: `Nutrir lead morno (score ${score}): ${excerpt(message, 120)}`, due_in_days: 2 }
          : { title: `Nutrição longa (score ${score}): ${excerpt(message, 120)}`, due_in_days: 7 },
      };
    },
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    const assigned = objectResult(results, 'assign_to_agent');
    const closer = str(field(assigned, 'agent', 'name'));
    if (assigned && closer) {
      const now = assigned['priority'] === 'high';
      return say(
        message,
        `Perfeito${name}! Pelo que você contou, faz todo sentido conversarmos. Conectei você com ${closer}, nosso especialista, que ${now ? 'vai te chamar agora mesmo' : 'vai falar com você em breve'} com uma proposta sob medida.`,
        `Perfect${name}! From what you told me, we should definitely talk. I connected you with ${closer}, our specialist, who ${now ? 'will reach out right now' : 'will contact you soon'} with a tailored proposal.`,
        `¡Perfecto${name}! Por lo que me contaste, tiene todo el sentido que conversemos. Te conecté con ${closer}, nuestro especialista, que ${now ? 'te va a escribir ahora mismo' : 'te contactará pronto'} con una propuesta a tu medida.`,
      );
    }
    const score = objectResult(results, 'calculate_lead_score');
    const total = num(score?.['total_score']);
    if (total !== undefined && total >= ASSIGNABLE_SCORE && !errorResult(results, 'assign_to_agent')) {
      return say(
        message,
        `Que ótimo${name}! Seu cenário tem tudo a ver com o que fazemos. Para eu te conectar com o especialista certo: você é quem decide a contratação, e qual orçamento vocês têm em mente?`,
        `Great${name}! Your scenario is a great fit. To connect you with the right specialist: are you the decision maker, and what budget do you have in mind?`,
        `¡Qué bien${name}! Tu escenario encaja con lo que hacemos. Para conectarte con el especialista correcto: ¿eres quien decide la contratación y qué presupuesto tienen en mente?`,
      );
    }
    return say(
      message,
      `Obrigado pelo contato${name}! Para eu te indicar o melhor caminho, me conta: ${DISCOVERY_PT}`,
      `Thanks for reaching out${name}! To point you in the right direction: ${DISCOVERY_EN}`,
      `¡Gracias por escribirnos${name}! Para indicarte el mejor camino, cuéntame: ${DISCOVERY_ES}`,
    );
  },
});

/** sales_prospecting: record the BANT read from the message on the lead (qualify_lead), then ask discovery questions. */
export const salesProspectingPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    // The seed's step 1: where the lead came from (campaign, source), when the servers offer it.
    () => ({ name: 'get_campaign_info', args: {}, optional: true }),
    (message) => {
      const s = readLeadSignals(message);
      const notes = excerpt(message, 300);
      return {
        name: 'qualify_lead',
        args: {
          budget: { score: s.budget_score },
          authority: { score: s.authority_score },
          need: { score: s.need_score, notes },
          timeline: { score: s.timeline_score },
        },
      };
    },
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    const campaign = str(field(objectResult(results, 'get_campaign_info'), 'campaign', 'name'));
    const seenPt = campaign ? ` Vi que você chegou pela campanha ${campaign}.` : '';
    const seenEn = campaign ? ` I see you came through our ${campaign} campaign.` : '';
    const seenEs = campaign ? ` Vi que llegaste por la campaña ${campaign}.` : '';
    return say(
      message,
      `Ótima pergunta${name}!${seenPt} Nossos planos variam conforme o tamanho da operação, e quero te indicar o mais adequado. ${DISCOVERY_PT}`,
      `Great question${name}!${seenEn} Our plans depend on the size of your operation, and I want to suggest the right one. ${DISCOVERY_EN}`,
      `¡Buena pregunta${name}!${seenEs} Nuestros planes varían según el tamaño de la operación y quiero recomendarte el más adecuado. ${DISCOVERY_ES}`,
    );
  },
});

/** sales_negotiation: a request above 15 % goes to a supervisor; otherwise the revised proposal is scheduled. */
export const salesNegotiationPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message) => {
      const asked = readPercent(message);
      if (asked !== undefined && asked > SALES_DISCOUNT_LIMIT) {
        return {
          name: 'escalate_to_supervisor',
          args: { reason: `Negociação: cliente pede ${asked}% de desconto — "${excerpt(message, 300)}"`, severity: 4 },
        };
      }
      const installments = mentions(message, 'parcelar', 'parcela', 'dividir', 'vezes', 'installments');
      const subject = installments
        ? 'condição de parcelamento'
        : asked !== undefined
          ? `desconto de ${asked}%`
          : 'condição comercial';
      return {
        name: 'create_follow_up_task',
        args: { title: `Revisar proposta (${subject}): ${excerpt(message, 120)}`, due_in_days: 1 },
      };
    },
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    const escalation = objectResult(results, 'escalate_to_supervisor');
    if (escalation) {
      return say(
        message,
        `Entendi${name}. Esse desconto passa do que consigo aprovar sozinho, então levei seu pedido à supervisão (protocolo ${str(escalation['escalation_id'])}). Te retorno com a melhor condição possível.`,
        `Got it${name}. That discount is above what I can approve myself, so I took your request to a supervisor (reference ${str(escalation['escalation_id'])}). I will come back with the best possible offer.`,
        `Entendido${name}. Ese descuento supera lo que puedo aprobar yo solo, así que llevé tu pedido a la supervisión (protocolo ${str(escalation['escalation_id'])}). Te respondo con la mejor condición posible.`,
      );
    }
    const task = objectResult(results, 'create_follow_up_task');
    if (task) {
      const due = str(task['due_at']);
      return say(
        message,
        `Entendi${name}, quero chegar numa condição boa para os dois lados. Registrei seu pedido para revisar a proposta${due ? ` e te retorno até ${formatBrt(due, false)}` : ''}. Se fecharmos no plano anual, consigo condições melhores — faz sentido para você?`,
        `Got it${name}, I want a deal that works for both sides. I logged your request to revise the proposal${due ? ` and will get back to you by ${formatBrt(due, false)}` : ''}. An annual plan gets better terms — would that work for you?`,
        `Entendido${name}, quiero llegar a una condición buena para los dos. Registré tu pedido para revisar la propuesta${due ? ` y te respondo hasta el ${formatBrt(due, false)}` : ''}. Si cerramos en el plan anual, consigo mejores condiciones — ¿te parece?`,
      );
    }
    return say(
      message,
      `Entendi${name}. Me conta qual condição faria sentido para você (valor, prazo ou parcelamento) que eu vejo o que é possível.`,
      `Got it${name}. Tell me what terms would work for you (price, term or installments) and I will see what is possible.`,
      `Entendido${name}. Cuéntame qué condición te serviría (precio, plazo o cuotas) y veo qué es posible.`,
    );
  },
});

/** sales_closing: schedule sending the contract and payment link. */
export const salesClosingPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message, state) => ({
      name: 'create_follow_up_task',
      args: {
        title: `Enviar contrato e link de pagamento${typeof state['contact_name'] === 'string' ? ` para ${state['contact_name']}` : ''}: ${excerpt(message, 100)}`,
        due_in_days: 0,
      },
    }),
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    const task = objectResult(results, 'create_follow_up_task');
    if (task) {
      return say(
        message,
        `Que ótima notícia${name}! 🎉 Já pedi o envio do contrato e do link de pagamento ainda hoje (registro ${str(task['task_id'])}). Assim que estiver assinado, te passo para o onboarding.`,
        `Great news${name}! 🎉 I requested the contract and payment link for today (reference ${str(task['task_id'])}). Once it is signed, I will hand you over to onboarding.`,
        `¡Qué buena noticia${name}! 🎉 Ya pedí el envío del contrato y del link de pago para hoy (registro ${str(task['task_id'])}). En cuanto esté firmado, te paso al onboarding.`,
      );
    }
    return say(
      message,
      `Que ótima notícia${name}! Só confirmando: qual plano e quantos usuários ficam no contrato?`,
      `Great news${name}! Just to confirm: which plan and how many users go in the contract?`,
      `¡Qué buena noticia${name}! Solo para confirmar: ¿qué plan y cuántos usuarios van en el contrato?`,
    );
  },
});
