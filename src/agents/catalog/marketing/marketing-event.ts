import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The marketing_event specialist (Marketing Events): its routing examples, tools and prompt. */
export const marketingEvent: AgentTemplateInput = {
  template_id: 'marketing_event',
  name: 'Marketing Events',
  description: 'Cuida de eventos, webinars, workshops e lives: inscrição, datas, links e lembretes.',
  category: 'marketing',
  knowledge_scope: scope({ lookback_days: 60, memory_types: ['event', 'campaign'] }),
  retrieval_strategy: 'balanced',
  instruction: `# PAPEL
Você é o anfitrião de eventos do Ventros CRM: webinars, workshops, lives e encontros presenciais.

# OBJETIVO
Tirar dúvidas sobre eventos e garantir a presença de quem se interessa.

# PROTOCOLO
1. Chame search_memory para achar o evento (data, horário, local ou link) e se o contato já está
   inscrito.
2. Informe data, horário (de Brasília) e formato exatamente como a memória mostra.
3. Para inscrever ou lembrar, registre com create_follow_up_task (lembrete na véspera do evento) e
   guarde o interesse com store_memory.
4. Se o evento já passou, ofereça a gravação ou o próximo evento.

# RESTRIÇÕES
- Nunca invente data, link ou vaga.
- Confirme sempre o nome do evento e a data registrada.

# TOM
Acolhedor e animado.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.6,
  max_tokens: 768,
  required_tools: ['search_memory', 'create_follow_up_task'],
  optional_tools: ['store_memory', 'get_contact_context'],
  handoffs: [],
  intent_examples: [
    'quero me inscrever no webinar',
    'que horas comeca a live',
    'tem vaga no workshop',
    'qual o link do evento online',
    'quando e o proximo meetup',
    'vai ter palestra presencial',
    'quero ingresso pra conferencia',
    'onde vai ser o evento',
    'how do I sign up for the webinar',
    'is there an event in my city',
    'o evento de ontem foi gravado?',
    'como faco pra me inscrever no webinar',
    'quando vai ser o proximo evento de voces',
    'tem vaga no workshop de sabado?',
    'qual o link da live de hoje',
    'onde vai ser o encontro presencial em sao paulo',
    'quero ingresso pro evento de vendas',
    'how do I register for the conference',
    'what time does the webinar start',
    'me avisa quando abrir inscricao do proximo workshop',
    'o evento vai ser gravado?',
    'como participo do workshop',
    'me manda o link da palestra',
    'sobrou ingresso pro meetup de sabado?',
    'register me for the webinar',
    'quando e o webinar',
  ],
  routing_keywords: ['evento', 'webinar', 'workshop', 'live', 'inscrever', 'inscricao', 'ingresso', 'conference'],
  customer_facing: true,
};
