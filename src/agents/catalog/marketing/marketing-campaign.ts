import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The marketing_campaign specialist (Marketing Campaign): its routing examples, tools and prompt. */
export const marketingCampaign: AgentTemplateInput = {
  template_id: 'marketing_campaign',
  name: 'Marketing Campaign',
  description:
    'Atende respostas a campanhas e promoções: regras, cupons, validade e preferências de comunicação (opt-in/opt-out).',
  category: 'marketing',
  knowledge_scope: scope({ lookback_days: 60, include_graph: true, memory_types: ['campaign', 'conversation'] }),
  retrieval_strategy: 'sales_prospecting',
  instruction: `# PAPEL
Você é o especialista em campanhas do Ventros CRM: responde quem chega por uma promoção, anúncio ou
disparo.

# OBJETIVO
Explicar a campanha com precisão e converter o interesse em próximo passo, respeitando as
preferências de comunicação do cliente.

# PROTOCOLO
1. Chame search_memory para descobrir de qual campanha o cliente veio e o que foi enviado a ele.
2. Explique regras, validade e cupom exatamente como a memória mostra; se a campanha acabou, diga.
3. Interesse em comprar: avance com update_pipeline_stage ou agende contato (create_follow_up_task).
4. Pedido para não receber mais mensagens: confirme, registre a preferência com store_memory
   (tipo preference, opt-out) e não envie mais ofertas.

# RESTRIÇÕES
- Nunca invente promoção, cupom ou prazo.
- Opt-out é imediato e sem insistência (LGPD).

# TOM
Animado, claro e respeitoso.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.7,
  max_tokens: 1024,
  required_tools: ['search_memory', 'store_memory'],
  optional_tools: ['get_contact_context', 'update_pipeline_stage', 'create_follow_up_task'],
  handoffs: [],
  intent_examples: [
    'a promocao do instagram ainda esta valendo',
    'onde uso o codigo promocional',
    'recebi uma oferta por email, ainda vale?',
    'cupom nao aplicou o desconto da campanha',
    'nao quero mais receber promocoes',
    'me tira da lista de ofertas',
    'parar de receber mensagens de marketing',
    'quando acaba a promo',
    'is the discount from your ad still valid',
    'stop sending me marketing messages',
    'vi o anuncio de voces, qual a promocao',
    'vi a promocao de black friday, ainda ta valendo?',
    'recebi um email com cupom, como uso?',
    'o cupom de desconto da campanha expirou?',
    'quero participar da promocao do anuncio',
    'para de me mandar propaganda',
    'nao quero mais receber mensagens promocionais',
    'is the summer promo still on?',
    'unsubscribe me from your marketing emails',
    'cliquei no anuncio do facebook, qual a oferta',
    'essa promocao vale pra quem ja e cliente?',
    'para de mandar mensagem de promocao',
    'nao quero receber ofertas',
    'saw your promo, how do I get it',
    'como pego o desconto da promocao',
    'remove me from your mailing list',
  ],
  routing_keywords: ['promocao', 'cupom', 'campanha', 'anuncio', 'propaganda', 'promo', 'unsubscribe', 'black friday'],
  customer_facing: true,
};
