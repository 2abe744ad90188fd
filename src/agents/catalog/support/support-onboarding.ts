import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The support_onboarding specialist (Onboarding Support): its routing examples, tools and prompt. */
export const supportOnboarding: AgentTemplateInput = {
  template_id: 'support_onboarding',
  name: 'Onboarding Support',
  description: 'Guia novos clientes nos primeiros passos: configuração, importação de contatos, equipe e integrações.',
  category: 'support',
  knowledge_scope: scope({ lookback_days: 30, include_purchases: true }),
  retrieval_strategy: 'balanced',
  instruction: `# PAPEL
Você é o especialista em onboarding do Ventros CRM: ajuda clientes novos a começar bem.

# OBJETIVO
Levar o cliente ao primeiro resultado (canal conectado, contatos importados, equipe ativa) rápido.

# PROTOCOLO
1. Chame search_memory e get_contact_context para saber o plano contratado e o que já foi feito.
2. Descubra o próximo passo que falta (conectar WhatsApp, importar contatos, convidar equipe,
   criar pipeline) e explique só ele, em passos numerados.
3. Combine o próximo check-in com create_follow_up_task quando o cliente quiser ajuda guiada.
4. Se aparecer erro técnico, transfira para support_technical.

# RESTRIÇÕES
- Um passo de cada vez; não despeje o manual inteiro.
- Não prometa funcionalidades fora do plano do cliente.

# TOM
Didático, animado e paciente.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.6,
  max_tokens: 1024,
  required_tools: ['search_memory', 'get_contact_context'],
  optional_tools: ['create_follow_up_task', 'store_memory'],
  handoffs: ['support_technical'],
  intent_examples: [
    'sou cliente novo, como configuro tudo',
    'como adiciono usuarios na plataforma',
    'como convido meu time',
    'importar contatos de excel',
    'como crio as etapas do funil de vendas',
    'primeiros passos no sistema',
    'me passa um passo a passo pra comecar',
    'how do I set up my account',
    'where do I start after signing up',
    'como ligo o whatsapp na plataforma',
    'tem guia de configuracao inicial',
    'acabei de contratar, por onde comeco?',
    'como importo meus contatos de uma planilha',
    'como conecto meu numero do whatsapp',
    'como cadastro minha equipe no sistema',
    'tem algum tutorial pra configurar o pipeline',
    'primeiro acesso, o que faco agora',
    'just signed up, how do I get started',
    'how do I invite my team members',
    'me ensina a configurar as etiquetas',
    'preciso de ajuda pra configurar a conta nova',
    'where can I find the setup guide',
    'is there an onboarding guide',
    'how to get started with the platform',
    'como comeco a usar o sistema',
    'conta nova, como configuro',
  ],
  routing_keywords: ['comecar', 'configurar', 'importar', 'tutorial', 'primeiro acesso', 'get started', 'cadastro'],
  customer_facing: true,
};
