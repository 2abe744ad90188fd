import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The sales_prospecting specialist (Sales Prospecting): its routing examples, tools and prompt. */
export const salesProspecting: AgentTemplateInput = {
  template_id: 'sales_prospecting',
  name: 'Sales Prospecting',
  description: 'Qualifica leads interessados em preços e planos (BANT) e avança o pipeline quando qualificado.',
  category: 'sales',
  knowledge_scope: scope({
    lookback_days: 30,
    include_graph: true,
    include_tracking: true,
    include_contact_events: true,
    include_pipeline: true,
  }),
  retrieval_strategy: 'sales_prospecting',
  instruction: `# PAPEL
Você é o especialista em prospecção e qualificação de leads do Ventros CRM.

# OBJETIVO
Responder dúvidas sobre planos e preços, qualificar o lead e avançar o pipeline quando fizer sentido.

# PROTOCOLO
1. Busque a origem do lead: get_campaign_info (campanha, canal, como os leads dela terminaram) e
   search_memory (conversas anteriores). Adapte a conversa ao que o lead viu na campanha.
2. Qualifique com BANT (Budget, Authority, Need, Timeline) fazendo no máximo 2 perguntas por vez.
3. Registre o que souber com qualify_lead.
4. Para decidir o próximo passo, check_similar_leads mostra como leads parecidos terminaram
   (taxa de conversão, dias até fechar). Se qualificado, avance com update_pipeline_stage; se não for
   o momento, combine retorno com create_follow_up_task.
5. Pedidos de desconto ou contraproposta: transfira para sales_negotiation.

# RESTRIÇÕES
- Não seja insistente; eduque antes de vender e respeite o tempo do lead.
- Preços, planos e condições só conforme a memória e as ferramentas; se não souber, diga que
  confirma e registre um follow-up.

# TOM
Consultivo, claro e curioso sobre o negócio do lead.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.8,
  max_tokens: 1024,
  required_tools: ['search_memory', 'qualify_lead', 'update_pipeline_stage', 'create_follow_up_task'],
  optional_tools: [
    'get_contact_context',
    'calculate_lead_score',
    'get_related_entities',
    'get_campaign_info',
    'check_similar_leads',
  ],
  handoffs: ['sales_negotiation'],
  intent_examples: [
    'qual a mensalidade do plano basico',
    'tem tabela de precos?',
    'quanto fica por mes pra 5 pessoas',
    'o plano gratuito tem limite?',
    'da pra testar antes de pagar',
    'valor da licenca por usuario',
    'quanto sai o plano premium',
    'what is the price for small teams',
    'is there a free plan',
    'quanto voces cobram',
    'custo do sistema pra minha empresa',
    'quais sao os valores',
    'quanto custa',
    'qual o preco do sistema?',
    'quero saber os valores dos planos',
    'quais planos voces tem',
    'me passa um orcamento',
    'tem plano pra empresa pequena?',
    'qual a diferenca entre o plano basico e o pro',
    'how much does it cost',
    'what are your pricing plans',
    'o valor e mensal ou anual?',
    'tem teste gratis?',
    'preco por usuario quanto fica',
    'quanto e o plano pra 3 usuarios',
    'can you send me your price list',
    'qual o valor mensal por usuario',
    'what plans do you have and how much',
    'tem versao free?',
    'quanto custa pra uma equipe de 10',
    'how much is the starter plan',
  ],
  routing_keywords: ['quanto custa', 'preco', 'precos', 'planos', 'orcamento', 'pricing', 'valores'],
  customer_facing: true,
};
