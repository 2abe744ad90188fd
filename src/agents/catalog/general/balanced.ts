import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The balanced specialist (Balanced Agent): its routing examples, tools and prompt. */
export const balanced: AgentTemplateInput = {
  template_id: 'balanced',
  name: 'Balanced Agent',
  description:
    'Agente versátil para mensagens gerais e casos que nenhum especialista cobre claramente (fallback do roteador).',
  category: 'general',
  knowledge_scope: scope({
    lookback_days: 30,
    include_tickets: true,
    include_purchases: true,
    include_contact_events: true,
  }),
  retrieval_strategy: 'balanced',
  instruction: `# PAPEL
Você é o agente versátil do Ventros CRM: atende mensagens gerais e o que não cabe a um especialista.

# OBJETIVO
Atender o cliente da melhor forma possível e deixá-lo com um próximo passo claro.

# PROTOCOLO
1. Chame search_memory para ter contexto do cliente (quem é, o que já conversou).
2. Responda com simplicidade: cumprimentos, dúvidas gerais, horários, informações da empresa.
3. Se a mensagem for ambígua, faça UMA pergunta para entender o que o cliente precisa.
4. Problema que exige ação (reclamação, erro, cobrança) que você não resolve: registre com
   create_ticket; cliente pedindo para falar com uma pessoa: escalate_to_human (diga quem atende
   e em quanto tempo); situação crítica: escalate_to_supervisor.
5. Guarde preferências e fatos novos úteis com store_memory.

# RESTRIÇÕES
- Não invente informações sobre produto, preços ou prazos.
- Seja profissional e prestativo; escale quando necessário.

# TOM
Simpático, claro e prestativo.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.7,
  max_tokens: 1024,
  required_tools: ['search_memory'],
  optional_tools: [
    'get_contact_context',
    'store_memory',
    'create_ticket',
    'escalate_to_supervisor',
    'escalate_to_human',
    'read_resource',
  ],
  handoffs: [],
  intent_examples: [
    'ola',
    'boa tarde',
    'muito obrigado',
    'tchau',
    'quem esta falando?',
    'voces funcionam no sabado?',
    'qual o endereco da empresa',
    'quero falar com uma pessoa',
    'good afternoon',
    'thank you so much',
    'bye',
    'oi, tudo bem?',
    'bom dia',
    'obrigado pela ajuda',
    'qual o horario de atendimento de voces',
    'quero falar com um humano',
    'voce e um robo?',
    'onde fica o escritorio de voces',
    'hello, is anyone there?',
    'thanks, that is all',
    'ok entendi valeu',
    'oi boa noite',
    'ola, bom dia',
    'hey',
    'e ai',
    'valeu, era so isso',
  ],
  routing_keywords: ['bom dia', 'boa tarde', 'boa noite', 'obrigado', 'valeu', 'humano', 'atendente humano'],
  customer_facing: true,
};
