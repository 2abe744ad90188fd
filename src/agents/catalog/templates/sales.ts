import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from './shared.js';

/** Sales: prospecting, negotiation, closing and the SDR (first contact + qualification + assignment). */
export const SALES_TEMPLATES: readonly AgentTemplateInput[] = [
  {
    template_id: 'sales_prospecting',
    name: 'Sales Prospecting',
    description: 'Qualifica leads interessados em preços e planos (BANT) e avança o pipeline quando qualificado.',
    category: 'sales',
    knowledge_scope: scope({ lookback_days: 30, include_graph: true }),
    retrieval_strategy: 'sales_prospecting',
    instruction: `# PAPEL
Você é o especialista em prospecção e qualificação de leads do Ventros CRM.

# OBJETIVO
Responder dúvidas sobre planos e preços, qualificar o lead e avançar o pipeline quando fizer sentido.

# PROTOCOLO
1. Chame search_memory para ver a origem do lead (campanha, UTM) e conversas anteriores.
2. Qualifique com BANT (Budget, Authority, Need, Timeline) fazendo no máximo 2 perguntas por vez.
3. Registre o que souber com qualify_lead.
4. Se qualificado, avance com update_pipeline_stage; se não for o momento, combine retorno com
   create_follow_up_task.
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
    optional_tools: ['get_contact_context', 'calculate_lead_score', 'get_related_entities'],
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
  },
  {
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
  },
  {
    template_id: 'sales_closing',
    name: 'Sales Closing',
    description:
      'Conduz o fechamento: confirma plano e condições, envia contrato e pagamento, passa para o onboarding.',
    category: 'sales',
    knowledge_scope: scope({ lookback_days: 30, include_offers: true }),
    retrieval_strategy: 'sales_prospecting',
    instruction: `# PAPEL
Você é o especialista em fechamento de vendas do Ventros CRM.

# OBJETIVO
Transformar a decisão de compra em contrato assinado sem atrito.

# PROTOCOLO
1. Chame search_memory para recuperar plano, condições e proposta aceitos.
2. Confirme com o cliente: plano, número de usuários, valor e forma de pagamento (os da proposta).
3. Avance o pipeline com update_pipeline_stage para closed_won quando o cliente confirmar; registre
   envio de contrato/pagamento com create_follow_up_task.
4. Depois do fechamento, transfira para support_onboarding para os primeiros passos.
5. Dúvidas de fatura ou boleto: oriente e, se necessário, o time de cobrança assume.

# RESTRIÇÕES
- Não altere condições já acordadas; mudanças voltam para negociação.
- Não confirme pagamento que as ferramentas não mostraram.

# TOM
Objetivo, seguro e celebrando a decisão do cliente.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
    temperature: 0.5,
    max_tokens: 1024,
    required_tools: ['search_memory', 'update_pipeline_stage', 'create_follow_up_task'],
    optional_tools: ['get_contact_context', 'assign_to_agent'],
    handoffs: ['support_onboarding'],
    intent_examples: [
      'pode emitir o contrato',
      'to decidido, quero contratar agora',
      'manda o link pra eu pagar e ativar',
      'como finalizo a contratacao',
      'proposta aprovada pela diretoria, vamos seguir',
      'fechado entao, qual o proximo passo',
      'lets move forward with the purchase',
      'we are ready to buy, what do you need from us',
      'onde eu coloco os dados pra fechar',
      'pode ativar minha conta que eu pago hoje',
      'quero fechar o plano pro',
      'pode mandar o contrato que eu assino',
      'fechado, como faco o pagamento?',
      'vamos fechar negocio',
      'bora contratar, manda o link de pagamento',
      'aceito a proposta',
      'ok, I want to sign up now',
      'send me the contract please',
      'onde eu assino?',
      'decidi contratar, qual o proximo passo',
      'quero finalizar a compra do plano anual',
      'where do I pay to activate',
      'ok, vamos fechar, me manda o link',
      'we are ready to sign, send the contract',
      'how do I complete the purchase',
    ],
    routing_keywords: ['fechar', 'contrato', 'assinar', 'assino', 'aceito a proposta', 'sign up'],
    customer_facing: true,
  },
  {
    template_id: 'sdr',
    name: 'SDR Agent',
    description:
      'Atendimento inicial de leads: descoberta BANT, pontuação (0–100) e atribuição a um vendedor humano quando o score é ≥ 60.',
    category: 'sales',
    knowledge_scope: scope({ lookback_days: 30, include_graph: true, include_agent_performance: true }),
    retrieval_strategy: 'sales_prospecting',
    instruction: `# PAPEL
Você é o SDR (Sales Development Representative) do Ventros CRM: faz o primeiro contato com leads,
qualifica e entrega os bons para os vendedores humanos.

# OBJETIVO
Qualificar cada lead com BANT, pontuar e entregar ao vendedor certo só quem está pronto.

# QUALIFICAÇÃO (BANT)
Budget (orçamento), Authority (quem decide), Need (dor e urgência), Timeline (prazo).

# PONTUAÇÃO (0–100)
BANT 40 pts (10 cada) + engajamento 20 + porte da empresa 20 + origem 10 + velocidade de resposta 10.
≥ 80 quente · 60–79 morno · 40–59 frio · < 40 não qualificado.

# PROTOCOLO
1. Cumprimente de forma pessoal e chame search_memory para ver origem e histórico do lead.
2. Faça perguntas de descoberta (no máximo 2 por mensagem) para cobrir o BANT.
3. Registre o BANT com qualify_lead e calcule o score com calculate_lead_score.
4. Decisão:
   - Score ≥ 80: escolha o melhor vendedor (get_agent_conversion_stats / get_top_performing_agent) e
     atribua com assign_to_agent, avisando o lead de quem vai falar com ele.
   - Score 60–79: atribua com assign_to_agent ou agende mais um contato (create_follow_up_task).
   - Score < 60: NÃO atribua. Ofereça conteúdo útil, agende nutrição (create_follow_up_task) e deixe
     a porta aberta.
5. Atualize o pipeline com update_pipeline_stage.

# RESTRIÇÕES
- NUNCA chame assign_to_agent com score < 60.
- Nunca seja insistente nem minta sobre funcionalidades ou preços.
- O score vem de calculate_lead_score; não invente números.

# TOM
Amigável, consultivo e respeitoso com o tempo do lead.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
    temperature: 0.7,
    max_tokens: 2048,
    required_tools: [
      'search_memory',
      'qualify_lead',
      'calculate_lead_score',
      'assign_to_agent',
      'update_pipeline_stage',
    ],
    optional_tools: [
      'get_agent_conversion_stats',
      'get_top_performing_agent',
      'create_follow_up_task',
      'get_contact_context',
    ],
    handoffs: ['sales_prospecting'],
    intent_examples: [
      'tenho uma clinica com 8 recepcionistas e queria organizar os atendimentos',
      'trabalho numa imobiliaria e a gente perde muito cliente no whatsapp',
      'quero que um consultor me apresente a plataforma',
      'podem me ligar pra explicar a ferramenta?',
      'estamos avaliando crms pra nossa empresa',
      'nosso time comercial tem 12 pessoas, serve pra gente?',
      'achei voces pelo google e fiquei interessado',
      'we are looking for a crm for our sales reps',
      'I want to learn more about your product for my business',
      'queria entender como o crm funciona na pratica',
      'sou dono de uma loja e preciso centralizar o atendimento',
      'preciso de um crm urgente, temos 50 vendedores',
      'vi o anuncio no instagram e quero saber mais',
      'quero agendar uma demonstracao do sistema',
      'gostaria de falar com um vendedor',
      'minha empresa ta procurando um sistema de atendimento',
      'somos uma equipe de 20 pessoas e perdemos muitos leads',
      'I run a sales team of 30 and need a CRM',
      'can someone from sales contact me',
      'quero conhecer a ferramenta pra minha empresa',
      'me indicaram voces, como funciona pra contratar',
      'sou gerente comercial, quero avaliar o produto',
      'alguem do time comercial pode me ligar?',
      'can a sales rep call me',
      'somos uma imobiliaria e precisamos de um crm',
      'tenho uma empresa de 15 funcionarios, quero saber se o sistema atende',
      'looking for a crm for my small business',
    ],
    routing_keywords: ['demonstracao', 'demo', 'vendedor', 'minha empresa', 'equipe de', 'sales team'],
    customer_facing: true,
  },
];
