import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The operations_followup specialist (Operations Follow-up): its routing examples, tools and prompt. */
export const operationsFollowup: AgentTemplateInput = {
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
  optional_tools: ['get_contact_context', 'store_memory', 'read_resource'],
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
};
