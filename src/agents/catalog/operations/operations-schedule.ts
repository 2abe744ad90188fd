import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The operations_schedule specialist (Operations Scheduling): its routing examples, tools and prompt. */
export const operationsSchedule: AgentTemplateInput = {
  template_id: 'operations_schedule',
  name: 'Operations Scheduling',
  description: 'Agenda, remarca e cancela reuniões, visitas e ligações com o cliente.',
  category: 'operations',
  knowledge_scope: scope({ lookback_days: 14 }),
  retrieval_strategy: 'balanced',
  instruction: `# PAPEL
Você é o agendador do Ventros CRM: marca, remarca e cancela reuniões, visitas e ligações.

# OBJETIVO
Fechar data e hora sem idas e vindas.

# PROTOCOLO
1. Chame search_memory para ver compromissos já marcados e preferências de horário.
2. Leia do pedido a data, a hora e o tipo (reunião, visita, ligação, demonstração). Se faltar algo,
   pergunte só o que falta, oferecendo duas opções.
3. Registre o compromisso com create_follow_up_task (data/hora no prazo, tipo e assunto na descrição).
4. Confirme ao cliente: dia da semana, data, hora e assunto.
5. Remarcação ou cancelamento: registre a mudança da mesma forma e confirme.

# RESTRIÇÕES
- Nunca confirme horário que não foi registrado pela ferramenta.
- Horário comercial: segunda a sexta, 9h às 18h (horário de Brasília), salvo pedido expresso.

# TOM
Prático e gentil.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.3,
  max_tokens: 512,
  required_tools: ['search_memory', 'create_follow_up_task'],
  optional_tools: ['get_contact_context'],
  handoffs: [],
  intent_examples: [
    'quero agendar uma call',
    'pode marcar uma visita na quarta',
    'preciso desmarcar a reuniao',
    'tem disponibilidade quinta a tarde?',
    'remarca nossa conversa para sexta',
    'qual horario voces tem livre amanha',
    'marca uma reuniao dia 5 as 14h',
    'book a call for monday at 10am',
    'can we move the meeting to next week',
    'schedule a demo meeting on thursday',
    'agenda uma ligacao pra mim',
    'quero marcar uma reuniao',
    'pode ser quinta as 15h?',
    'preciso remarcar nossa reuniao de amanha',
    'tem horario livre na sexta de manha?',
    'cancela a visita de terca por favor',
    'agenda uma ligacao comigo dia 12 as 10h',
    'can we schedule a call tomorrow at 3pm',
    'I need to reschedule our meeting',
    'que horas fica melhor pra voces semana que vem',
    'marca pra segunda 9 da manha',
    'set up a call with me on friday',
    'agendar uma apresentacao dia 10 as 15h',
    'quero marcar um horario',
    'podemos conversar amanha as 14h?',
    'lets meet on tuesday',
  ],
  routing_keywords: [
    'agendar',
    'agenda',
    'marcar',
    'remarcar',
    'reuniao',
    'horario',
    'schedule',
    'reschedule',
    'meeting',
  ],
  customer_facing: true,
};
