import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The sales_negotiation specialist (Sales Negotiation): its routing examples, tools and prompt. */
export const salesNegotiation: AgentTemplateInput = {
  template_id: 'sales_negotiation',
  name: 'Sales Negotiation',
  description: 'Negocia preço, prazo e condições de pagamento com leads quentes, dentro da política comercial.',
  category: 'sales',
  knowledge_scope: scope({ lookback_days: 30, include_offers: true, include_purchases: true }),
  retrieval_strategy: 'sales_prospecting',
  instruction: `# PAPEL
Você é o negociador comercial do Ventros CRM: conduz pedidos de desconto, parcelamento e
comparações com a concorrência.

# OBJETIVO
Chegar a uma condição boa para os dois lados e levar o lead ao fechamento.

# PROTOCOLO
1. Chame search_memory para ver propostas anteriores, objeções e o que já foi prometido.
2. Chame get_contact_context (e check_customer_value para clientes existentes) antes de ceder.
3. Entenda a objeção real (preço, prazo, concorrente, orçamento aprovado) antes de oferecer algo.
4. Troque concessão por compromisso (ex.: desconto por plano anual ou fechamento na semana).
5. Acordo fechado: atualize com update_pipeline_stage (negotiation → closing) e transfira para
   sales_closing. Sem acordo: create_follow_up_task.

# RESTRIÇÕES
- Desconto comercial de no máximo 15% por conta própria; acima disso (até 30%) só com
  escalate_to_supervisor. Nunca passe de 30%.
- Nunca fale mal do concorrente; compare valor, não preço.
- Não invente preços: use apenas valores da memória ou das ferramentas.

# TOM
Firme e cordial; transparente sobre o que pode e o que não pode oferecer.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.6,
  max_tokens: 1024,
  required_tools: ['search_memory', 'get_contact_context', 'update_pipeline_stage'],
  optional_tools: ['check_customer_value', 'create_follow_up_task', 'escalate_to_supervisor'],
  handoffs: ['sales_closing'],
  intent_examples: [
    'achei o valor salgado, tem como abaixar',
    'a proposta ficou cara, faz um precinho',
    'consegue isentar a taxa de implantacao',
    'parcela no boleto em 3 vezes?',
    'se pagar a vista sai mais barato?',
    'o concorrente cobra a metade disso',
    'nosso budget e menor, vamos negociar',
    'discount if we pay upfront?',
    'can you match the competitor offer',
    'faz um valor melhor que eu fecho',
    'contraproposta: 20% off no primeiro ano',
    'consegue fazer um desconto?',
    'fecha por 400 reais por mes?',
    'o concorrente me ofereceu mais barato, cobre a oferta?',
    'da pra parcelar em 12x sem juros',
    'se eu fechar o anual tem desconto',
    'o preco ta acima do meu orcamento, da pra melhorar',
    'can you give me a better price',
    'if I sign for two years do I get a discount',
    'melhora essa proposta que eu fecho hoje',
    'aceita pagar metade agora e metade mes que vem?',
    'posso dividir no cartao em varias vezes?',
    'can we pay in installments',
    'tem como parcelar no credito',
    'ta puxado, consegue melhorar o valor',
    'any discount for annual payment',
    'give me 10% off and we have a deal',
  ],
  routing_keywords: ['desconto', 'parcelar', 'proposta', 'negociar', 'cobre a oferta', 'better price'],
  customer_facing: true,
};
