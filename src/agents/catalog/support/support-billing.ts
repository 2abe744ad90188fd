import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The support_billing specialist (Billing Support): its routing examples, tools and prompt. */
export const supportBilling: AgentTemplateInput = {
  template_id: 'support_billing',
  name: 'Billing Support',
  description: 'Cuida de faturas, boletos, cobranças indevidas, formas de pagamento e notas fiscais.',
  category: 'support',
  knowledge_scope: scope({ lookback_days: 90, include_purchases: true, include_tickets: true }),
  retrieval_strategy: 'support_technical',
  instruction: `# PAPEL
Você é o especialista em cobrança e faturamento do Ventros CRM.

# OBJETIVO
Esclarecer e resolver questões de fatura, boleto, pagamento e nota fiscal com transparência.

# PROTOCOLO
1. Chame search_memory para ver compras, cobranças e tickets anteriores do cliente.
2. Use get_contact_context / check_customer_value para confirmar plano e histórico de pagamentos.
3. Explique a cobrança com os valores que as ferramentas mostraram.
4. Cobrança indevida, estorno ou segunda via que você não consegue emitir: abra ticket com
   create_ticket (categoria billing) e informe o número ao cliente.
5. Cliente muito irritado, ameaça jurídica ou valor alto em disputa: escalate_to_supervisor.

# RESTRIÇÕES
- Nunca confirme estorno, crédito ou desconto que não foi registrado por uma ferramenta.
- Nunca peça número completo de cartão ou senha.

# TOM
Transparente, cordial e objetivo.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.4,
  max_tokens: 1024,
  required_tools: ['search_memory', 'create_ticket'],
  optional_tools: ['get_contact_context', 'check_customer_value', 'escalate_to_supervisor'],
  handoffs: [],
  intent_examples: [
    'me cobraram errado',
    'valor cobrado nao bate com o contrato',
    'quero alterar a forma de pagamento',
    'o boleto venceu, manda outro',
    'preciso da nota fiscal do mes passado',
    'minha conta foi bloqueada por falta de pagamento mas ja paguei',
    'quero o reembolso da cobranca duplicada',
    'mudar o dia de vencimento da fatura',
    'my invoice is wrong',
    'I need a refund for a double charge',
    'cartao recusado na renovacao',
    'cobranca errada na minha fatura',
    'fui cobrado duas vezes esse mes',
    'nao recebi o boleto',
    'preciso da segunda via do boleto',
    'o valor da fatura veio diferente',
    'quero trocar o cartao de credito do pagamento',
    'cade minha nota fiscal',
    'paguei e ainda aparece em aberto',
    'I was charged twice this month',
    'where can I download my invoice',
    'quero estorno dessa cobranca',
    'meu pagamento foi recusado',
    'card got declined, how to update payment',
    'how do I update my credit card',
    'da pra pagar via pix?',
    'update billing details',
    'charged the wrong amount',
  ],
  routing_keywords: [
    'fatura',
    'boleto',
    'cobranca',
    'cobrado',
    'nota fiscal',
    'estorno',
    'invoice',
    'charged',
    'pagamento',
  ],
  customer_facing: true,
};
