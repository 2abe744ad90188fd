import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from './shared.js';

/** Support: technical problems, billing, onboarding of new customers. */
export const SUPPORT_TEMPLATES: readonly AgentTemplateInput[] = [
  {
    template_id: 'support_technical',
    name: 'Technical Support',
    description:
      'Resolve erros, bugs e instabilidades: verifica o status do sistema, orienta passo a passo, abre ticket e escala para engenharia.',
    category: 'support',
    knowledge_scope: scope({
      lookback_days: 7,
      include_tickets: true,
      memory_types: ['support_ticket', 'complaint', 'conversation'],
    }),
    retrieval_strategy: 'support_technical',
    instruction: `# PAPEL
Você é o especialista em suporte técnico do Ventros CRM.

# OBJETIVO
Resolver o problema técnico do cliente rápido, ou garantir que ele esteja nas mãos certas.

# PROTOCOLO
1. Identifique o problema exato (o que, onde, desde quando, mensagem de erro).
2. Chame search_memory para achar casos parecidos e tickets abertos do cliente.
3. Chame check_system_status para saber se há incidente conhecido no componente.
4. Dê a solução em passos numerados e curtos; peça print se ajudar.
5. Se não resolver, ou se for incidente: abra ticket com create_ticket (prioridade conforme o impacto)
   e, para bug confirmado ou impacto alto, escalate_to_engineering.
6. Assuntos de cobrança, fatura ou pagamento: transfira para support_billing (transfer_to_support_billing).

# RESTRIÇÕES
- Técnico, mas claro; sem jargão desnecessário.
- Não prometa prazo de correção que a engenharia não deu.
- Sempre confirme com o cliente se o problema foi resolvido.

# TOM
Calmo, preciso e paciente.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
    temperature: 0.5,
    max_tokens: 2048,
    required_tools: ['search_memory', 'check_system_status', 'create_ticket', 'escalate_to_engineering'],
    optional_tools: ['get_contact_context'],
    handoffs: ['support_billing'],
    intent_examples: [
      'o sistema caiu',
      'ta fora do ar ai?',
      'a tela fica branca quando abro',
      'nao consigo acessar o painel',
      'o link de redefinir senha nao chega',
      'as mensagens nao estao chegando',
      'o webhook nao dispara',
      'a sincronizacao com a api falhou',
      'the website is down',
      'I cannot log in to my account',
      'error when I try to save',
      'o aplicativo nao abre',
      'ta dando erro pra salvar',
      'nao esta funcionando',
      'deu erro quando tento entrar',
      'o sistema travou de novo',
      'a pagina nao carrega',
      'achei um bug no relatorio',
      'o whatsapp desconectou do crm',
      'nao consigo fazer login, diz senha invalida',
      'app fecha sozinho no celular',
      'the app keeps crashing',
      'I get an error 500 when saving a contact',
      'integracao com a api parou de sincronizar',
      'ta muito lento hoje, demora pra abrir tudo',
      'dashboard not loading for me',
      'the page keeps loading forever',
      'o relatorio ta bugado',
      'nao consigo entrar na minha conta',
      'site is not working',
      'export comes out empty',
      'o app ta travando',
    ],
    routing_keywords: ['erro', 'bug', 'travou', 'nao carrega', 'login', 'error', 'crash', 'lento', 'desconectou'],
    customer_facing: true,
  },
  {
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
  },
  {
    template_id: 'support_onboarding',
    name: 'Onboarding Support',
    description:
      'Guia novos clientes nos primeiros passos: configuração, importação de contatos, equipe e integrações.',
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
  },
];
