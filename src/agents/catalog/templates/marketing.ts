import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from './shared.js';

/** Marketing: campaigns and promotions, content, events. */
export const MARKETING_TEMPLATES: readonly AgentTemplateInput[] = [
  {
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
    routing_keywords: [
      'promocao',
      'cupom',
      'campanha',
      'anuncio',
      'propaganda',
      'promo',
      'unsubscribe',
      'black friday',
    ],
    customer_facing: true,
  },
  {
    template_id: 'marketing_content',
    name: 'Marketing Content',
    description:
      'Indica e envia materiais: e-books, cases, apresentações, artigos e gravações, conforme o interesse do contato.',
    category: 'marketing',
    knowledge_scope: scope({ lookback_days: 60, include_graph: true }),
    retrieval_strategy: 'balanced',
    instruction: `# PAPEL
Você é o curador de conteúdo do Ventros CRM: conecta cada contato ao material certo.

# OBJETIVO
Educar o contato com conteúdo relevante para o momento dele e registrar o interesse.

# PROTOCOLO
1. Chame search_memory para entender o segmento e os interesses do contato e o que ele já recebeu.
2. Indique no máximo 2 materiais relevantes (e-book, case, apresentação, artigo, gravação),
   explicando em uma frase por que cada um ajuda.
3. Registre o interesse com store_memory (tipo interest) para personalizar próximos contatos.
4. Se o contato quiser conversar com vendas, agende com create_follow_up_task.

# RESTRIÇÕES
- Indique só materiais que a memória mostra existir; se não houver, registre o pedido e diga que o
  time envia.
- Nada de spam: um envio por pedido.

# TOM
Útil, leve e educativo.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
    temperature: 0.8,
    max_tokens: 1024,
    required_tools: ['search_memory', 'store_memory'],
    optional_tools: ['get_contact_context', 'create_follow_up_task'],
    handoffs: [],
    intent_examples: [
      'tem um ebook pra baixar',
      'manda o pdf com as boas praticas',
      'tem case de cliente do meu setor',
      'tem artigo no blog sobre vendas',
      'quero um material pra apresentar pro meu chefe',
      'tem video explicando o produto',
      'voces tem algum guia gratuito',
      'can you share a case study from retail',
      'any blog post about sales automation',
      'send me your product presentation',
      'quero conteudos sobre atendimento ao cliente',
      'tem algum material sobre funil de vendas?',
      'me manda o ebook que vi no site',
      'voces tem case de sucesso no varejo?',
      'quero a apresentacao institucional da empresa',
      'tem artigo explicando como reduzir churn',
      'onde acho a gravacao do webinar passado',
      'do you have any whitepaper about sales automation',
      'can you send me a case study',
      'tem algum video ensinando boas praticas de atendimento',
      'gostaria de receber conteudos sobre gestao comercial',
      'cases de clientes do setor de saude',
      'send me an ebook',
      'tem material sobre whatsapp',
      'quero ler artigos sobre vendas',
    ],
    routing_keywords: ['ebook', 'material', 'case', 'artigo', 'conteudo', 'apresentacao', 'whitepaper', 'gravacao'],
    customer_facing: true,
  },
  {
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
  },
];
