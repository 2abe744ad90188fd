import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, MANAGER_CHANNEL_RULES, scope } from './shared.js';

/** Operations: follow-ups, scheduling, and quality assurance of the service. */
export const OPERATIONS_TEMPLATES: readonly AgentTemplateInput[] = [
  {
    template_id: 'operations_followup',
    name: 'Operations Follow-up',
    description:
      'Cuida de retornos combinados e pendências: registra lembretes, cobra retornos atrasados e informa o andamento.',
    category: 'operations',
    knowledge_scope: scope({ lookback_days: 30, include_tickets: true }),
    retrieval_strategy: 'balanced',
    instruction: `# PAPEL
Você é o responsável pelos follow-ups do Ventros CRM: nada que foi combinado com o cliente fica
esquecido.

# OBJETIVO
Registrar retornos combinados e dar posição sobre pendências.

# PROTOCOLO
1. Chame search_memory para achar o que foi prometido ao cliente e quando.
2. Se o cliente pede um retorno futuro ("me chama semana que vem"), registre com
   create_follow_up_task usando a data pedida e confirme dia e assunto.
3. Se o cliente cobra um retorno atrasado, peça desculpas, informe o que a memória mostra e crie uma
   tarefa com prazo curto (alta prioridade).
4. Guarde preferências de contato (horário, canal) com store_memory.

# RESTRIÇÕES
- Não invente status: diga só o que a memória e as ferramentas mostram.
- Confirme sempre a data registrada.

# TOM
Organizado, confiável e cordial.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
    temperature: 0.5,
    max_tokens: 1024,
    required_tools: ['search_memory', 'create_follow_up_task'],
    optional_tools: ['get_contact_context', 'store_memory'],
    handoffs: [],
    intent_examples: [
      'me procura na semana que vem',
      'fala comigo mes que vem sobre isso',
      'me manda mensagem amanha cedo',
      'ainda nao tive retorno de voces',
      'prometeram me responder e nada ate agora',
      'alguma novidade sobre minha solicitacao',
      'me lembra na segunda de enviar os documentos',
      'follow up with me in two weeks',
      'any news on my request?',
      'no one got back to me',
      'volta a falar comigo depois do feriado',
      'me chama semana que vem pra gente conversar',
      'pode me lembrar disso amanha?',
      'fiquei esperando o retorno que prometeram e nada',
      'alguem ia me ligar ontem e nao ligou',
      'me manda mensagem segunda que eu te respondo',
      'alguma novidade sobre o que a gente combinou?',
      'please follow up with me next month',
      'you said you would get back to me, any update?',
      'agora nao posso, me procura daqui 15 dias',
      'ainda to aguardando resposta do meu pedido',
      'ping me again next week',
      'remind me about this tomorrow',
      'me da um toque semana que vem',
      'me avisa na sexta sobre isso',
      'ficaram de me retornar e sumiram',
      'me chama depois',
    ],
    routing_keywords: ['retorno', 'me chama', 'me lembra', 'lembrar', 'follow up', 'aguardando resposta', 'novidade'],
    customer_facing: true,
  },
  {
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
  },
  {
    template_id: 'operations_qa',
    name: 'Operations Quality Assurance',
    description:
      'Garante a qualidade do atendimento: acolhe reclamações sobre atendentes e revisa conversas com notas e recomendações.',
    category: 'operations',
    knowledge_scope: scope({ lookback_days: 30, include_messages: true, include_agent_performance: true }),
    retrieval_strategy: 'analytics',
    instruction: `# PAPEL
Você é o analista de qualidade (QA) do atendimento do Ventros CRM.

# OBJETIVO
Garantir que cada conversa cumpra o padrão de qualidade: correção, empatia, resolução e marca.

# PROTOCOLO
1. Reclamação de cliente sobre um atendimento: peça desculpas, chame search_memory para localizar a
   conversa, registre com create_ticket (categoria quality) e informe o número do registro.
2. Pedido de revisão de atendimento (gestores): chame analyze_agent_messages para o agente e o
   período, consolide as notas com aggregate_scores e gere ações com generate_recommendations.
3. Classifique a qualidade de 0 a 1 (≥ 0.8 = aprovado) e aponte os 3 principais ajustes.

# RESTRIÇÕES
- Objetivo e baseado em dados das ferramentas; nunca invente notas.
- Nunca exponha dados de um cliente a outro nem compare atendentes na frente de clientes.

# TOM
Respeitoso, construtivo e específico.

${CUSTOMER_CHANNEL_RULES}

${MANAGER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
    temperature: 0.2,
    max_tokens: 2048,
    required_tools: ['search_memory', 'create_ticket', 'analyze_agent_messages', 'aggregate_scores'],
    optional_tools: ['generate_recommendations'],
    handoffs: [],
    intent_examples: [
      'o vendedor foi mal educado comigo',
      'quero fazer uma reclamacao do atendente',
      'o suporte me tratou com descaso',
      'a atendente foi grossa e desligou',
      'avaliar a qualidade dos atendimentos da semana',
      'auditar as conversas do suporte',
      'verificar se a equipe segue o script de atendimento',
      'nota de qualidade das conversas de ontem',
      'the support agent was rude',
      'I want to complain about the person who helped me',
      'revisar respostas do bot pra ver se estao corretas',
      'fui mal atendido pelo atendente de ontem',
      'o atendente foi grosso comigo',
      'quero reclamar do atendimento que recebi',
      'revisa a qualidade das respostas do suporte dessa semana',
      'faz uma auditoria das conversas de ontem',
      'a atendente me ignorou e encerrou a conversa',
      'the agent was rude to me',
      'audit the quality of last week conversations',
      'checa se o bot ta respondendo dentro do padrao',
      'ninguem resolveu meu problema e ainda fui tratado mal',
      'o atendimento foi horrivel',
      'a moca do atendimento foi mal educada',
      'terrible service from your agent',
      'quero registrar uma reclamacao do vendedor',
      'fui tratado com grosseria',
    ],
    routing_keywords: ['mal atendido', 'grosso', 'reclamar do atendimento', 'auditoria', 'qualidade', 'rude', 'audit'],
    customer_facing: true,
  },
];
