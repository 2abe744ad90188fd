import { normalizeText } from '../../../../shared/index.js';
import { commaName, definePolicy, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { readAgentNames, readPeriod } from '../policy-kit/read-analytics.js';
import { formatBrt, readWhen, whenToIso, zoneName } from '../policy-kit/read-date.js';
import { excerpt, mentions, say } from '../policy-kit/read-message.js';
import { field, num, objectResult, str } from '../policy-kit/tool-results.js';

const LATE = [
  'ninguem',
  'nada',
  'sumiram',
  'esperando',
  'aguardando',
  'ainda nao',
  'no one',
  'still waiting',
  'any update',
  'any news',
];

/** operations_followup: a follow-up task on the day the customer asked (urgent when a promised return is late). */
export const operationsFollowupPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message) => {
      const late = mentions(message, ...LATE);
      const when = readWhen(message);
      const dueAt = when ? whenToIso(when) : undefined;
      return {
        name: 'create_follow_up_task',
        args: {
          title: `${late ? 'URGENTE — retorno atrasado' : 'Retornar ao cliente'}: ${excerpt(message, 140)}`,
          ...(dueAt ? { due_at: dueAt } : { due_in_days: late ? 0 : (when?.dueInDays ?? 1) }),
        },
      };
    },
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    const task = objectResult(results, 'create_follow_up_task');
    const due = str(task?.['due_at']);
    const late = mentions(message, ...LATE);
    if (task && due) {
      return late
        ? say(
            message,
            `Peço desculpas pela demora${name}. Registrei seu retorno como prioridade para hoje (registro ${str(task['task_id'])}); alguém do time fala com você até ${formatBrt(due)}.`,
            `I am sorry for the delay${name}. I logged your follow-up as a priority for today (reference ${str(task['task_id'])}); someone will reach you by ${formatBrt(due)}.`,
            `Disculpa la demora${name}. Registré tu seguimiento como prioridad para hoy (registro ${str(task['task_id'])}); alguien del equipo te contacta antes del ${formatBrt(due)}.`,
          )
        : say(
            message,
            `Combinado${name}! Registrei para falarmos em ${formatBrt(due)} (registro ${str(task['task_id'])}). Se precisar antes, é só chamar.`,
            `Deal${name}! I logged it to get back to you on ${formatBrt(due)} (reference ${str(task['task_id'])}). Reach out anytime before that.`,
            `¡Trato hecho${name}! Lo registré para hablar el ${formatBrt(due)} (registro ${str(task['task_id'])}). Si necesitas algo antes, me escribes.`,
          );
    }
    return say(
      message,
      `Combinado${name}! Qual o melhor dia e horário para retornarmos?`,
      `Sure${name}! What day and time work best for us to get back to you?`,
      `¡De acuerdo${name}! ¿Qué día y horario te quedan mejor para contactarte?`,
    );
  },
});

function meetingKind(message: string): string {
  const text = normalizeText(message);
  if (/visita/.test(text)) return 'Visita';
  if (/ligacao|call|ligar/.test(text)) return 'Ligação';
  if (/demo|demonstracao|apresentacao/.test(text)) return 'Demonstração';
  return 'Reunião';
}

/** The meeting kind in English and Spanish, for customers who write in them. */
const MEETING_EN: Record<string, string> = {
  Visita: 'Visit',
  Ligação: 'Call',
  Demonstração: 'Demo',
  Reunião: 'Meeting',
};
const MEETING_ES: Record<string, string> = {
  Visita: 'Visita',
  Ligação: 'Llamada',
  Demonstração: 'Demostración',
  Reunião: 'Reunión',
};

const CANCEL = ['cancela', 'cancelar', 'desmarca', 'desmarcar', 'cancel'];
const MOVE = ['remarcar', 'remarca', 'mudar', 'reschedule', 'move'];

/** operations_schedule: registers the meeting at the day/time read from the message; asks when none is given. */
export const operationsSchedulePolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message) => {
      const when = readWhen(message);
      const cancel = mentions(message, ...CANCEL);
      if (!when && !cancel) return undefined;
      const dueAt = when ? whenToIso(when) : undefined;
      const action = cancel ? 'Cancelar' : mentions(message, ...MOVE) ? 'Remarcar' : 'Agendar';
      return {
        name: 'create_follow_up_task',
        args: {
          title: `${action} ${meetingKind(message).toLowerCase()}: ${excerpt(message, 120)}`,
          ...(dueAt ? { due_at: dueAt } : { due_in_days: when?.dueInDays ?? 0 }),
        },
      };
    },
  ],
  answer(message, results, state) {
    const name = commaName(state, results);
    const task = objectResult(results, 'create_follow_up_task');
    const due = str(task?.['due_at']);
    const when = readWhen(message);
    if (task && due) {
      if (mentions(message, ...CANCEL)) {
        return say(
          message,
          `Pronto${name}, registrei o cancelamento (registro ${str(task['task_id'])}). Quer marcar uma nova data?`,
          `Done${name}, I logged the cancellation (reference ${str(task['task_id'])}). Would you like to pick a new date?`,
          `Listo${name}, registré la cancelación (registro ${str(task['task_id'])}). ¿Quieres agendar una nueva fecha?`,
        );
      }
      const withTime = when?.hour !== undefined;
      return say(
        message,
        `Agendado${name}! ${meetingKind(message)} em ${formatBrt(due, withTime)}${withTime ? ` (${zoneName(due)})` : ''} — registro ${str(task['task_id'])}.${withTime ? '' : ' Qual horário fica melhor para você: 10h ou 15h?'}`,
        `Booked${name}! ${MEETING_EN[meetingKind(message)] ?? 'Meeting'} on ${formatBrt(due, withTime)}${withTime ? ` (${zoneName(due)})` : ''} — reference ${str(task['task_id'])}.${withTime ? '' : ' What time suits you better: 10am or 3pm?'}`,
        `¡Agendado${name}! ${MEETING_ES[meetingKind(message)] ?? 'Reunión'} el ${formatBrt(due, withTime)}${withTime ? ` (${zoneName(due)})` : ''} — registro ${str(task['task_id'])}.${withTime ? '' : ' ¿Qué horario te queda mejor: 10:00 o 15:00?'}`,
      );
    }
    return say(
      message,
      `Claro${name}! Qual dia e horário ficam melhor? Tenho, por exemplo, amanhã às 10h ou às 15h.`,
      `Sure${name}! What day and time work for you? For example, tomorrow at 10am or 3pm.`,
      `¡Claro${name}! ¿Qué día y horario te quedan mejor? Tengo, por ejemplo, mañana a las 10:00 o a las 15:00.`,
    );
  },
});

const REVIEW = /revis|avali|auditor|audit|confere|verific|nota de qualidade|qualidade d|review|check/;

/** operations_qa: a named agent → analyze its messages; a customer complaint → a complaint ticket. */
export const operationsQaPolicy: SteppedOfflinePolicy = definePolicy({
  steps: [
    (message) => {
      const [agent] = readAgentNames(message);
      if (agent && REVIEW.test(normalizeText(message))) {
        return {
          name: 'analyze_agent_messages',
          args: { agent, period: readPeriod(message, 'last_7_days'), limit: 20 },
        };
      }
      if (REVIEW.test(normalizeText(message)) && !mentions(message, 'atendente foi', 'fui mal')) return undefined;
      return {
        name: 'create_ticket',
        args: {
          subject: 'Reclamação sobre atendimento',
          description: `Cliente relata: ${excerpt(message, 1000)}`,
          category: 'complaint',
          severity: 6,
        },
      };
    },
  ],
  answer(message, results, state) {
    const analysis = objectResult(results, 'analyze_agent_messages');
    if (analysis) {
      const agentName = str(field(analysis, 'agent', 'name')) ?? 'o agente';
      const n = num(field(analysis, 'indicators', 'messages_analyzed'));
      const words = num(field(analysis, 'indicators', 'avg_words_per_message'));
      const questions = num(field(analysis, 'indicators', 'question_ratio'));
      const response = num(field(analysis, 'stats', 'avg_response_seconds'));
      const lines = [
        `**Revisão de qualidade — ${agentName}** (fonte: analyze_agent_messages, ${str(field(analysis, 'period', 'name')) ?? 'período'})`,
      ];
      if (n !== undefined) lines.push(`- Mensagens analisadas: ${n}`);
      if (response !== undefined) lines.push(`- Tempo médio de resposta: ${Math.round(response)} s`);
      if (words !== undefined) lines.push(`- Palavras por mensagem: ${words.toFixed(1)}`);
      if (questions !== undefined) lines.push(`- Proporção de perguntas: ${(questions * 100).toFixed(0)}%`);
      lines.push('Modo offline: a leitura qualitativa (tom, gramática) exige o modelo de linguagem.');
      return lines.join('\n');
    }
    const name = commaName(state, results);
    const id = str(field(objectResult(results, 'create_ticket'), 'ticket', 'ticket_id'));
    if (id) {
      return say(
        message,
        `Sinto muito pela experiência${name}; não é esse o atendimento que queremos oferecer. Registrei sua reclamação no protocolo ${id} e nossa equipe de qualidade vai analisar a conversa e te dar um retorno.`,
        `I am sorry about that experience${name}; that is not the service we want to give. I logged your complaint under reference ${id}; our quality team will review the conversation and get back to you.`,
        `Lamento mucho esa experiencia${name}; no es la atención que queremos ofrecer. Registré tu reclamo en el protocolo ${id} y nuestro equipo de calidad va a revisar la conversación y darte una respuesta.`,
      );
    }
    return say(
      message,
      `Para a revisão de qualidade, me diga o nome do atendente e o período (ex.: "Maria, última semana").`,
      `For the quality review, tell me the agent's name and the period (e.g. "Maria, last week").`,
      `Para la revisión de calidad, dime el nombre del agente y el período (ej.: "María, la semana pasada").`,
    );
  },
});
