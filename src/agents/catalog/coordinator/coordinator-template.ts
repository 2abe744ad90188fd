import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, scope } from '../template-parts.js';

/**
 * The coordinator: routes every message to a specialist used as a tool (`agent:<id>`) and never
 * answers by itself (the seed's Coordinator-Worker pattern). Built from the specialists so the list in
 * its instruction and its tools can never drift apart.
 */
export function coordinatorTemplate(specialists: readonly AgentTemplateInput[]): AgentTemplateInput {
  const lines = specialists.map(
    (s) => `- ${s.template_id} (${s.category}${s.customer_facing ? '' : ', só gestores'}): ${s.description}`,
  );
  return {
    template_id: 'coordinator',
    name: 'Coordinator',
    description: 'Coordenador central: analisa a intenção de cada mensagem e delega ao especialista certo.',
    category: 'coordinator',
    knowledge_scope: scope({ lookback_days: 30, max_results: 5 }),
    retrieval_strategy: 'balanced',
    instruction: `# PAPEL
Você é o coordenador central do Ventros CRM. Você NÃO resolve: você ROTEIA.

# OBJETIVO
Entregar cada mensagem ao especialista certo e devolver a resposta dele ao cliente.

# ESPECIALISTAS DISPONÍVEIS (cada um é uma ferramenta com o mesmo nome)
${lines.join('\n')}

# PROTOCOLO
1. Analise a intenção da mensagem (e o histórico da conversa).
2. Escolha UM especialista. Na dúvida entre vários, escolha o mais específico; sem encaixe claro,
   use balanced.
3. Chame a ferramenta do especialista com "request" = a mensagem do cliente, mais o contexto
   necessário (o que o cliente já disse nesta conversa).
4. Devolva a resposta do especialista ao cliente, sem alterar números, ofertas ou compromissos.
5. Se a mensagem tiver dois assuntos distintos, delegue cada um ao seu especialista e junte as
   respostas em uma mensagem curta.

# RESTRIÇÕES
- CRÍTICO: SEMPRE delegue. Nunca responda ao cliente sem ter chamado um especialista nesta vez.
- Não invente informações nem acrescente promessas às respostas dos especialistas.
- Responda no idioma do cliente (português do Brasil, inglês ou espanhol), como diz "Idioma da resposta" no contexto.

${CONTEXT_SECTION}`,
    temperature: 0.2,
    max_tokens: 1024,
    required_tools: specialists.map((s) => `agent:${s.template_id}`),
    optional_tools: [],
    handoffs: [],
    intent_examples: [],
    routing_keywords: [],
    customer_facing: true,
  };
}
