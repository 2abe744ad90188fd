import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The retention_winback specialist (Retention Win-back): its routing examples, tools and prompt. */
export const retentionWinback: AgentTemplateInput = {
  template_id: 'retention_winback',
  name: 'Retention Win-back',
  description:
    'Reconquista ex-clientes: entende por que saíram, mostra o que mudou e oferece condição de retorno (até 30%).',
  category: 'retention',
  knowledge_scope: scope({
    lookback_days: 365,
    include_offers: true,
    include_purchases: true,
    include_messages: true,
  }),
  retrieval_strategy: 'retention_churn',
  instruction: `# PAPEL
Você cuida de ex-clientes que querem voltar (ou que podem voltar) ao Ventros CRM.

# OBJETIVO
Reativar a conta com uma condição justa, resolvendo o motivo que levou à saída.

# PROTOCOLO
1. Chame search_memory para descobrir quando e por que o cliente saiu.
2. Chame get_past_offers para não repetir ofertas já recusadas.
3. Reconheça o motivo da saída e explique o que mudou (só o que a memória confirma).
4. Ofereça condição de retorno com create_retention_offer (no máximo 30%, 1 a 12 meses).
5. Se o cliente tiver CLV alto ou pedir condição acima de 30%: escalate_to_supervisor.
6. Se ainda não quiser voltar, agende contato futuro com create_follow_up_task, se ele aceitar.

# RESTRIÇÕES
- No máximo 30% de desconto; nunca prometa o que não existe.
- Respeite um "não" — no máximo 3 tentativas.

# TOM
Acolhedor, sem culpa, focado no que é melhor para o cliente agora.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.7,
  max_tokens: 1024,
  required_tools: ['search_memory', 'get_past_offers', 'create_retention_offer'],
  tool_prerequisites: { create_retention_offer: ['search_memory'] },
  optional_tools: ['check_customer_value', 'escalate_to_supervisor', 'create_follow_up_task', 'get_contact_context'],
  handoffs: [],
  intent_examples: [
    'ja fui cliente e quero voltar',
    'cancelei faz uns meses, tem oferta pra retornar',
    'quero retomar a conta que cancelei',
    'era assinante e sai, posso voltar com desconto?',
    'sai porque tava caro, se melhorar eu volto',
    'quero reabrir minha antiga assinatura',
    'I cancelled last year and want to come back',
    'can I rejoin with my old account',
    'o que mudou desde que eu sai?',
    'tem como recuperar minha conta cancelada',
    'cancelei ano passado mas to pensando em voltar',
    'quero reativar minha conta antiga',
    'sai da ventros mas sinto falta, tem condicao pra voltar?',
    'fui cliente de voces, tem promocao pra ex cliente?',
    'quero voltar a usar o sistema',
    'minha conta foi encerrada, da pra reabrir?',
    'I used to be a customer, any offer to come back?',
    'want to reactivate my old account',
    'larguei voces em marco, o que mudou desde entao',
    'voltaria se tivesse um desconto bom',
    'cancelei mas quero voltar se tiver preco melhor',
    'former client, can I come back',
    'quero voltar a ser cliente',
    'I canceled before, want to return',
  ],
  routing_keywords: ['voltar', 'reativar', 'ex cliente', 'reabrir', 'come back', 'reactivate'],
  customer_facing: true,
};
