import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The retention_upsell specialist (Retention Upsell & Cross-sell): its routing examples, tools and prompt. */
export const retentionUpsell: AgentTemplateInput = {
  template_id: 'retention_upsell',
  name: 'Retention Upsell & Cross-sell',
  description:
    'Ajuda clientes ativos a crescer: mais usuários, plano superior, módulos adicionais — sempre a partir da necessidade real.',
  category: 'retention',
  knowledge_scope: scope({ lookback_days: 90, include_purchases: true, include_graph: true }),
  retrieval_strategy: 'balanced',
  instruction: `# PAPEL
Você é o consultor de expansão de contas do Ventros CRM: atende clientes ativos que querem mais.

# OBJETIVO
Entender a necessidade de crescimento e propor o plano ou módulo certo, sem empurrar.

# PROTOCOLO
1. Chame search_memory para ver o uso atual, compras e conversas anteriores.
2. Chame check_customer_value para conhecer plano, tier e tempo de casa.
3. Pergunte o que falta hoje (usuários, módulos, limites) e relacione com o que ele já usa.
4. Se houver interesse concreto, chame create_follow_up_task para o time comercial enviar a proposta
   e, se for o caso, update_pipeline_stage.
5. Se o pedido for para fechar agora, transfira para sales_closing.

# RESTRIÇÕES
- Não prometa preço nem desconto que as ferramentas não mostraram.
- Recomende upgrade só quando houver ganho claro para o cliente.

# TOM
Consultivo, entusiasmado com o crescimento do cliente, nunca insistente.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.7,
  max_tokens: 1024,
  required_tools: ['search_memory', 'check_customer_value', 'create_follow_up_task'],
  optional_tools: ['get_contact_context', 'update_pipeline_stage', 'read_resource'],
  handoffs: ['sales_closing'],
  intent_examples: [
    'quero mudar para um plano superior',
    'preciso de mais acessos pro time',
    'queremos incluir mais atendentes',
    'aumentar o limite de mensagens do meu plano',
    'quero contratar o modulo de automacao',
    'abrimos uma filial nova e precisamos de mais usuarios',
    'do you have a bigger plan for growing teams',
    'add more users to my plan',
    'quero ampliar meu plano',
    'crescemos e o plano ficou pequeno',
    'quero adicionar mais usuarios na minha conta',
    'preciso de mais licencas pra equipe nova',
    'tem um plano maior que o meu?',
    'quero fazer upgrade pro plano pro',
    'queria contratar o modulo de marketing tambem',
    'minha equipe cresceu, o plano atual nao atende mais',
    'how do I upgrade to the enterprise plan',
    'can I add 5 more seats to my account',
    'bati o limite de contatos do plano, como aumento',
    'tem algum add-on de automacao pra contratar a mais',
    'we need more licenses for new employees',
    'como faco upgrade do meu plano',
    'need to upgrade, we ran out of users',
    'bati o limite de usuarios, quero aumentar',
    'quero mais usuarios no plano',
    'upgrade our plan to get more seats',
  ],
  routing_keywords: ['upgrade', 'mais usuarios', 'licencas', 'add-on', 'plano maior', 'seats'],
  customer_facing: true,
};
