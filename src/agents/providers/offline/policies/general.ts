import { normalizeText } from '../../../../shared/index.js';
import { commaName, definePolicy, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { excerpt, mentions, say } from '../policy-kit/read-message.js';
import { field, num, objectResult, str } from '../policy-kit/tool-results.js';

const HUMAN = [
  'humano',
  'pessoa',
  'atendente humano',
  'pessoa de verdade',
  'falar com alguem',
  'human',
  'real person',
  'someone real',
];
const THANKS = /\b(obrigad[oa]|valeu|vlw|brigad[oa]|thanks|thank you|thx)\b/;
const GREETING =
  /^(oi|ola|opa|eai|e ai|bom dia|boa tarde|boa noite|hello|hi|hey|good morning|good afternoon|good evening)\b/;

/**
 * balanced: memory only; hands the conversation to a person when the customer wants one — the seed's
 * escalate_to_human, or escalate_to_supervisor when the servers do not offer it.
 */
export const balancedPolicy: SteppedOfflinePolicy = definePolicy({
  terminal: ['escalate_to_human', 'escalate_to_supervisor'],
  steps: [
    (message) => {
      if (!mentions(message, ...HUMAN)) return undefined;
      const reason = `Cliente pediu atendimento humano: "${excerpt(message, 300)}"`;
      return {
        name: 'escalate_to_human',
        args: { reason },
        fallback: { name: 'escalate_to_supervisor', args: { reason, severity: 3 } },
      };
    },
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    const text = normalizeText(message);
    const handoff = objectResult(results, 'escalate_to_human');
    if (handoff) {
      const person = str(field(handoff, 'assigned_to', 'name'))?.split(' ')[0] ?? '';
      const minutes = num(handoff['respond_within_minutes']) ?? 0;
      const within = minutes >= 60 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
      return say(
        message,
        `Claro${name}! Já passei a conversa para ${person || 'uma pessoa do nosso time'}, que vai te responder por aqui em até ${within}.`,
        `Of course${name}! I handed the conversation to ${person || 'someone from our team'}, who will reply here within ${within}.`,
        `¡Claro${name}! Ya pasé la conversación a ${person || 'una persona de nuestro equipo'}, que te responderá por aquí en hasta ${within}.`,
      );
    }
    const escalation = objectResult(results, 'escalate_to_supervisor');
    if (escalation) {
      return say(
        message,
        `Claro${name}! Já pedi para uma pessoa do nosso time assumir a conversa (protocolo ${str(field(escalation, 'escalation_id'))}). Em instantes alguém fala com você por aqui.`,
        `Of course${name}! I asked someone from our team to take over (reference ${str(field(escalation, 'escalation_id'))}). Someone will be with you shortly.`,
        `¡Claro${name}! Ya le pedí a una persona de nuestro equipo que tome la conversación (protocolo ${str(field(escalation, 'escalation_id'))}). En un momento alguien te atiende por aquí.`,
      );
    }
    if (THANKS.test(text)) {
      return say(
        message,
        `Imagina${name}! Qualquer coisa, é só chamar. 😊`,
        `You are welcome${name}! Reach out anytime. 😊`,
        `¡De nada${name}! Cualquier cosa, me escribes. 😊`,
      );
    }
    if (GREETING.test(text)) {
      return say(
        message,
        `Olá${name}! Como posso te ajudar hoje?`,
        `Hi${name}! How can I help you today?`,
        `¡Hola${name}! ¿En qué te puedo ayudar hoy?`,
      );
    }
    return say(
      message,
      `Oi${name}! Quero te ajudar da melhor forma: pode me contar um pouco mais sobre o que você precisa?`,
      `Hi${name}! I want to help: could you tell me a bit more about what you need?`,
      `¡Hola${name}! Quiero ayudarte de la mejor manera: ¿me cuentas un poco más de lo que necesitas?`,
    );
  },
});
