import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The sales_closing specialist (Sales Closing): its routing examples, tools and prompt. */
export const salesClosing: AgentTemplateInput = {
  template_id: 'sales_closing',
  name: 'Sales Closing',
  description: 'Conduz o fechamento: confirma plano e condições, envia contrato e pagamento, passa para o onboarding.',
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
  optional_tools: ['get_contact_context', 'assign_to_agent', 'read_resource'],
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
};
