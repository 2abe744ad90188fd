import { normalizeText } from '../../../../shared/index.js';
import { commaName, definePolicy, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { isOptOut, optOutAnswer, recordOptOut } from '../policy-kit/opt-out.js';
import { formatBrt, readWhen } from '../policy-kit/read-date.js';
import { excerpt, say } from '../policy-kit/read-message.js';
import { memoryContents, objectResult, str } from '../policy-kit/tool-results.js';

/** marketing_campaign: an opt-out is confirmed and recorded (never an offer); a campaign question goes to the team. */
export const marketingCampaignPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message) =>
      isOptOut(message)
        ? recordOptOut()
        : {
            name: 'create_follow_up_task',
            args: { title: `Responder dúvida sobre campanha: ${excerpt(message, 140)}`, due_in_days: 0 },
          },
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    if (isOptOut(message)) return optOutAnswer(message, name, objectResult(results, 'store_memory') !== undefined);
    const campaign = memoryContents(results, 1)[0];
    const task = objectResult(results, 'create_follow_up_task');
    return say(
      message,
      `Oi${name}! ${campaign ? `Encontrei no seu histórico: "${campaign}". ` : ''}Vou confirmar as regras e a validade dessa promoção com o time de marketing${task ? ' e te respondo ainda hoje' : ''}. De qual anúncio ou e-mail você veio?`,
      `Hi${name}! ${campaign ? `I found in your history: "${campaign}". ` : ''}I will confirm the terms and validity of this promotion with our marketing team${task ? ' and reply today' : ''}. Which ad or email did you come from?`,
      `¡Hola${name}! ${campaign ? `Encontré en tu historial: "${campaign}". ` : ''}Voy a confirmar las condiciones y la vigencia de esta promoción con el equipo de marketing${task ? ' y te respondo hoy mismo' : ''}. ¿De qué anuncio o correo llegaste?`,
    );
  },
});

function contentTopic(message: string): string {
  const words = normalizeText(message)
    .split(' ')
    .filter(
      (w) =>
        w.length > 3 &&
        !/^(tem|algum|alguma|voces|sobre|manda|quero|queria|material|materiais|conteudo|conteudos|ebook|artigo|video|case|cases|guia|send|have|about|your|some|please)$/.test(
          w,
        ),
    );
  return words.slice(0, 5).join(' ') || 'geral';
}

/** marketing_content: remembers the interest so the team sends the right material. */
export const marketingContentPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message) => ({
      name: 'store_memory',
      args: {
        content: `Contato pediu conteúdo sobre: ${contentTopic(message)} ("${excerpt(message, 200)}").`,
        memory_type: 'interest',
        importance: 0.6,
      },
    }),
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    const stored = objectResult(results, 'store_memory');
    return say(
      message,
      `Ótimo interesse${name}! ${stored ? 'Anotei o tema' : 'Vou repassar o tema'} (${contentTopic(message)}) e nosso time te envia o material mais indicado por aqui. Quer receber também conteúdos parecidos no futuro?`,
      `Great${name}! ${stored ? 'I noted the topic' : 'I will pass on the topic'} (${contentTopic(message)}) and our team will send you the best material here. Would you like similar content in the future?`,
      `¡Qué bien${name}! ${stored ? 'Anoté el tema' : 'Voy a pasar el tema'} (${contentTopic(message)}) y nuestro equipo te envía el material más indicado por aquí. ¿Quieres recibir también contenidos parecidos en el futuro?`,
    );
  },
});

/** marketing_event: a reminder task before the event the customer asked about. */
export const marketingEventPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message) => {
      const when = readWhen(message);
      const dueInDays = when ? Math.max(0, when.dueInDays - 1) : 1;
      return {
        name: 'create_follow_up_task',
        args: { title: `Evento — inscrição/lembrete: ${excerpt(message, 140)}`, due_in_days: dueInDays },
      };
    },
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    const task = objectResult(results, 'create_follow_up_task');
    const due = str(task?.['due_at']);
    const event = memoryContents(results, 1).find((c) => /evento|webinar|workshop|live|palestra|meetup/i.test(c));
    return say(
      message,
      `Oba${name}! ${event ? `Sobre o evento: ${event} ` : ''}Registrei seu interesse${due ? ` e vou te lembrar em ${formatBrt(due, false)}` : ''}; o time de eventos te envia data, horário e link por aqui.`,
      `Great${name}! ${event ? `About the event: ${event} ` : ''}I registered your interest${due ? ` and will remind you on ${formatBrt(due, false)}` : ''}; our events team will send you the date, time and link here.`,
      `¡Genial${name}! ${event ? `Sobre el evento: ${event} ` : ''}Registré tu interés${due ? ` y te lo recuerdo el ${formatBrt(due, false)}` : ''}; el equipo de eventos te envía fecha, horario y link por aquí.`,
    );
  },
});
