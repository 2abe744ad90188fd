import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The marketing_content specialist (Marketing Content): its routing examples, tools and prompt. */
export const marketingContent: AgentTemplateInput = {
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
};
