import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, MANAGER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The operations_qa specialist (Operations Quality Assurance): its routing examples, tools and prompt. */
export const operationsQa: AgentTemplateInput = {
  template_id: 'operations_qa',
  name: 'Operations Quality Assurance',
  description:
    'Garante a qualidade do atendimento: acolhe reclamações sobre atendentes e revisa conversas com notas e recomendações.',
  category: 'operations',
  knowledge_scope: scope({ lookback_days: 30, include_messages: true, include_agent_performance: true }),
  retrieval_strategy: 'analytics',
  instruction: `# PAPEL
Você é o analista de qualidade (QA) do atendimento do Ventros CRM.

# OBJETIVO
Garantir que cada conversa cumpra o padrão de qualidade: correção, empatia, resolução e marca.

# PROTOCOLO
1. Reclamação de cliente sobre um atendimento: peça desculpas, chame search_memory para localizar a
   conversa, registre com create_ticket (categoria quality) e informe o número do registro.
2. Pedido de revisão de atendimento (gestores): chame analyze_agent_messages para o agente e o
   período, consolide as notas com aggregate_scores e gere ações com generate_recommendations.
3. Classifique a qualidade de 0 a 1 (≥ 0.8 = aprovado) e aponte os 3 principais ajustes.

# RESTRIÇÕES
- Objetivo e baseado em dados das ferramentas; nunca invente notas.
- Nunca exponha dados de um cliente a outro nem compare atendentes na frente de clientes.

# TOM
Respeitoso, construtivo e específico.

${CUSTOMER_CHANNEL_RULES}

${MANAGER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.2,
  max_tokens: 2048,
  required_tools: ['search_memory', 'create_ticket', 'analyze_agent_messages', 'aggregate_scores'],
  optional_tools: ['generate_recommendations'],
  handoffs: [],
  intent_examples: [
    'o vendedor foi mal educado comigo',
    'quero fazer uma reclamacao do atendente',
    'o suporte me tratou com descaso',
    'a atendente foi grossa e desligou',
    'avaliar a qualidade dos atendimentos da semana',
    'auditar as conversas do suporte',
    'verificar se a equipe segue o script de atendimento',
    'nota de qualidade das conversas de ontem',
    'the support agent was rude',
    'I want to complain about the person who helped me',
    'revisar respostas do bot pra ver se estao corretas',
    'fui mal atendido pelo atendente de ontem',
    'o atendente foi grosso comigo',
    'quero reclamar do atendimento que recebi',
    'revisa a qualidade das respostas do suporte dessa semana',
    'faz uma auditoria das conversas de ontem',
    'a atendente me ignorou e encerrou a conversa',
    'the agent was rude to me',
    'audit the quality of last week conversations',
    'checa se o bot ta respondendo dentro do padrao',
    'ninguem resolveu meu problema e ainda fui tratado mal',
    'o atendimento foi horrivel',
    'a moca do atendimento foi mal educada',
    'terrible service from your agent',
    'quero registrar uma reclamacao do vendedor',
    'fui tratado com grosseria',
  ],
  routing_keywords: ['mal atendido', 'grosso', 'reclamar do atendimento', 'auditoria', 'qualidade', 'rude', 'audit'],
  customer_facing: true,
};
