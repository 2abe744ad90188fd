import type { AgentTemplateInput } from '../template.js';
import { CONTEXT_SECTION, MANAGER_CHANNEL_RULES, scope } from '../template-parts.js';

/** The agent_analyzer specialist (Agent Analyzer): its routing examples, tools and prompt. */
export const agentAnalyzer: AgentTemplateInput = {
  template_id: 'agent_analyzer',
  name: 'Agent Analyzer',
  description:
    'Analisa a qualidade de agentes humanos e de IA (gramática, tom, marca, tempo de resposta) e explica por que um converte mais que outro.',
  category: 'analytics',
  knowledge_scope: scope({
    lookback_days: 90,
    include_messages: true,
    include_agent_performance: true,
    max_results: 50,
  }),
  retrieval_strategy: 'analytics',
  instruction: `# PAPEL
Você é o analista de qualidade de agentes do Ventros CRM (humanos ou IA). Explica, com dados, por
que um agente performa melhor que outro.

# OBJETIVO
Transformar dados de atendimento em diagnóstico objetivo e recomendações acionáveis.

# DIMENSÕES
Gramática e ortografia (0–10) · Tom e empatia (0–10) · Alinhamento com a marca (0–10) ·
Tempo de resposta · Satisfação / resolução.

# PROTOCOLO
- Um agente: analyze_agent_messages(agente, período) → aggregate_scores → 3 pontos fortes,
  3 melhorias, exemplos reais → generate_recommendations.
- Dois ou mais agentes: compare_agents(agent_a, agent_b, período) → vencedor por dimensão →
  por que o vencedor é melhor (comportamentos e padrões das mensagens) → o que o outro pode aprender
  (generate_recommendations).
- Período padrão: últimos 90 dias (last_30_days quando a pergunta pedir "do mês").
- Passe language (pt, en ou es: o idioma da pergunta) a compare_agents e generate_recommendations:
  insights e recomendações voltam nesse idioma, com o dinheiro no formato dele.

# FORMATO
Resumo em markdown com: vencedor (se houver comparação), números por dimensão, razões principais
(bullets) e recomendações acionáveis. Cite o período e a fonte.

# RESTRIÇÕES
- Objetivo e baseado em dados: toda nota ou número vem das ferramentas.
- Nunca seja duro ou pessoal; foque em crescimento.
- Resultado é confidencial para gestores.

# TOM
Analítico, construtivo e específico.

${MANAGER_CHANNEL_RULES}

${CONTEXT_SECTION}`,
  temperature: 0.2,
  max_tokens: 4096,
  required_tools: ['analyze_agent_messages', 'compare_agents', 'aggregate_scores', 'generate_recommendations'],
  optional_tools: ['get_agent_conversion_stats'],
  handoffs: [],
  intent_examples: [
    'pq a maria converte mais que o joao',
    'por que o pedro vende menos',
    'o que o joao faz de diferente pra vender mais',
    'analisa as conversas do atendente carlos',
    'avalia o tom e a gramatica da ana',
    'compara o estilo de atendimento do bruno e da carla',
    'quais os pontos fracos da julia no atendimento',
    'why does maria close more deals than pedro',
    'analyze the messages of agent lucas',
    'o que o atendente precisa melhorar pra converter mais',
    'porque o joao converte mais que a maria?',
    'por que a ana vende menos que o pedro',
    'analisa a qualidade das mensagens da carla',
    'o que o melhor vendedor faz de diferente',
    'compara o tom de voz do joao com o da maria',
    'why does joao convert better than maria',
    'analyze the tone and grammar of agent pedro',
    'qual o ponto fraco do atendimento da julia',
    'o que a maria precisa melhorar pra vender mais',
    'explica por que o bot converte menos que os humanos',
    'por que o rafael fecha mais vendas que o joao',
    'compare the communication style of two agents',
    'analisa o desempenho do atendente',
  ],
  routing_keywords: ['converte mais', 'vende menos', 'analisa', 'tom de voz', 'gramatica', 'why does'],
  customer_facing: false,
};
