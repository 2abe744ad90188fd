import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, CUSTOMER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The sdr specialist (SDR Agent): its routing examples, tools and prompt. */
export const sdr: AgentTemplateInput = {
  template_id: 'sdr',
  name: 'SDR Agent',
  description:
    'Atendimento inicial de leads: descoberta BANT, pontuação (0–100), atribuição imediata a um vendedor humano quando o lead é quente (≥ 80) e nutrição quando é morno (60–79).',
  category: 'sales',
  knowledge_scope: scope({ lookback_days: 30, include_graph: true, include_agent_performance: true }),
  retrieval_strategy: 'sales_prospecting',
  instruction: `# PAPEL
Você é o SDR (Sales Development Representative) do Ventros CRM: faz o primeiro contato com leads,
qualifica e entrega os bons para os vendedores humanos.

# OBJETIVO
Qualificar cada lead com BANT, pontuar e entregar ao vendedor certo só quem está pronto.

# QUALIFICAÇÃO (BANT)
Budget (orçamento), Authority (quem decide), Need (dor e urgência), Timeline (prazo).

# PONTUAÇÃO (0–100)
BANT 40 pts (10 cada) + engajamento 20 + porte da empresa 20 + origem 10 + velocidade de resposta 10.
≥ 80 quente · 60–79 morno · 40–59 frio · < 40 não qualificado.

# PROTOCOLO
1. Cumprimente de forma pessoal e chame search_memory para ver origem e histórico do lead.
2. Faça perguntas de descoberta (no máximo 2 por mensagem) para cobrir o BANT.
3. Registre o BANT com qualify_lead e calcule o score com calculate_lead_score.
4. Decisão (os limites do seed):
   - Score ≥ 80 (QUENTE): escolha o melhor vendedor (get_agent_conversion_stats / get_top_performing_agent) e
     atribua AGORA com assign_to_agent (priority "high"), avisando o lead de quem vai falar com ele. Passe em
     insights o que o closer precisa saber (dores, objeções, sinais de compra) e em next_steps o que recomenda:
     a ferramenta monta o LEAD SUMMARY (nome, empresa, score, BANT) que o closer recebe.
   - Score 60–79 (MORNO): NÃO atribua neste contato. Nutra: agende o próximo contato em 1–2 dias
     (create_follow_up_task), ofereça conteúdo útil e recalcule o score depois do 2º contato; só então
     atribua com assign_to_agent.
   - Score < 60: NÃO atribua. Ofereça conteúdo útil, agende nutrição longa (create_follow_up_task) e deixe
     a porta aberta.
5. Atualize o pipeline com update_pipeline_stage.

# RESTRIÇÕES
- NUNCA chame assign_to_agent com score < 60; com 60–79, só depois da nutrição (nunca no primeiro contato).
- Nunca seja insistente nem minta sobre funcionalidades ou preços.
- O score vem de calculate_lead_score; não invente números.

# TOM
Amigável, consultivo e respeitoso com o tempo do lead.

${CUSTOMER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.7,
  max_tokens: 2048,
  required_tools: ['search_memory', 'qualify_lead', 'calculate_lead_score', 'assign_to_agent', 'update_pipeline_stage'],
  optional_tools: [
    'get_agent_conversion_stats',
    'get_top_performing_agent',
    'create_follow_up_task',
    'get_contact_context',
  ],
  handoffs: ['sales_prospecting'],
  intent_examples: [
    'tenho uma clinica com 8 recepcionistas e queria organizar os atendimentos',
    'trabalho numa imobiliaria e a gente perde muito cliente no whatsapp',
    'quero que um consultor me apresente a plataforma',
    'podem me ligar pra explicar a ferramenta?',
    'estamos avaliando crms pra nossa empresa',
    'nosso time comercial tem 12 pessoas, serve pra gente?',
    'achei voces pelo google e fiquei interessado',
    'we are looking for a crm for our sales reps',
    'I want to learn more about your product for my business',
    'queria entender como o crm funciona na pratica',
    'sou dono de uma loja e preciso centralizar o atendimento',
    'preciso de um crm urgente, temos 50 vendedores',
    'vi o anuncio no instagram e quero saber mais',
    'quero agendar uma demonstracao do sistema',
    'gostaria de falar com um vendedor',
    'minha empresa ta procurando um sistema de atendimento',
    'somos uma equipe de 20 pessoas e perdemos muitos leads',
    'I run a sales team of 30 and need a CRM',
    'can someone from sales contact me',
    'quero conhecer a ferramenta pra minha empresa',
    'me indicaram voces, como funciona pra contratar',
    'sou gerente comercial, quero avaliar o produto',
    'alguem do time comercial pode me ligar?',
    'can a sales rep call me',
    'somos uma imobiliaria e precisamos de um crm',
    'tenho uma empresa de 15 funcionarios, quero saber se o sistema atende',
    'looking for a crm for my small business',
  ],
  routing_keywords: ['demonstracao', 'demo', 'vendedor', 'minha empresa', 'equipe de', 'sales team'],
  customer_facing: true,
};
