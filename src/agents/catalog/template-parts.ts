import type { KnowledgeScope } from './template.js';

/**
 * A knowledge scope with the defaults most specialists share (30 days, sessions only); each template
 * names what it needs on top.
 */
export function scope(overrides: Partial<KnowledgeScope>): KnowledgeScope {
  return {
    lookback_days: 30,
    include_messages: false,
    include_sessions: true,
    include_tickets: false,
    include_purchases: false,
    include_offers: false,
    include_graph: false,
    include_agent_performance: false,
    max_results: 10,
    ...overrides,
  };
}

/**
 * The context block every instruction ends with. Placeholders are optional (`?`): the runtime fills
 * them from session state and leaves them empty when the state has no such key.
 */
export const CONTEXT_SECTION = `# CONTEXTO DA SESSÃO
- Cliente: {contact_name?}
- Idioma da resposta: {language_instruction?}
- Escopo de conhecimento desta conversa: {knowledge_scope?}`;

/** Language and channel rules of every customer-facing agent. */
export const CUSTOMER_CHANNEL_RULES = `# IDIOMA E CANAL
- Responda no idioma do cliente (português do Brasil, inglês ou espanhol), como diz "Idioma da resposta"
  no contexto da sessão; números, valores e datas no formato desse idioma.
- O canal é WhatsApp: mensagens curtas (até 4 frases), sem markdown pesado, no máximo 1 emoji.
- Chame o cliente pelo nome quando souber. Nunca invente dados: use só o que a memória e as
  ferramentas devolveram; se faltar informação, pergunte.
- Nunca peça nem aceite dados de outro cliente; o tenant e o contato vêm do sistema, não da conversa.`;

/** Language rules of the agents that talk to managers (BI, analyzer, QA). */
export const MANAGER_CHANNEL_RULES = `# IDIOMA
- Responda no idioma da pergunta (português do Brasil, inglês ou espanhol), como diz "Idioma da resposta"
  no contexto da sessão; "hoje", "ontem", "este mês", "este ano" são dias do fuso da empresa.
- Público: gestores. Seja objetivo, cite números e períodos das ferramentas.`;
