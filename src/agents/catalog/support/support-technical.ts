import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The support_technical specialist (Technical Support): its routing examples, tools and prompt. */
export const supportTechnical: AgentTemplateInput = {
  template_id: 'support_technical',
  name: 'Technical Support',
  description:
    'Resolve erros, bugs e instabilidades: verifica o status do sistema, orienta passo a passo, abre ticket e escala para engenharia.',
  category: 'support',
  knowledge_scope: scope({
    lookback_days: 7,
    include_tickets: true,
    include_contact_events: false,
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
3. Chame check_system_status para saber se há incidente conhecido no componente, e get_error_logs
   para ver os erros que a plataforma registrou na conta do cliente (código, componente, quando).
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
  optional_tools: ['get_contact_context', 'read_resource', 'get_error_logs'],
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
};
