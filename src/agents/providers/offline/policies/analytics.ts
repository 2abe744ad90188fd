import { normalizeText } from '../../../../shared/index.js';
import { definePolicy, type PolicyCall, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { periodLabel, readAgentNames, readPeriod } from '../policy-kit/read-analytics.js';
import {
  arr,
  errorResult,
  errorSummary,
  field,
  num,
  objectResult,
  type Results,
  str,
  ToolFailure,
} from '../policy-kit/tool-results.js';

const WHY = /\b(porque|por que|pq|why|o que .* faz de diferente|what makes)\b/;
const BEST = /\b(melhor|top|ranking|mais vendeu|vendeu mais|fechou mais|converteu mais|best)\b/;

/** The agent tool the BI manager delegates qualitative questions to (`agent:agent_analyzer`). */
export const ANALYZER_TOOL = 'agent_analyzer';

const DIMENSION_LABELS: Record<string, string> = {
  conversion_rate: 'Taxa de conversão (%)',
  conversions: 'Conversões',
  revenue: 'Receita (R$)',
  avg_response_seconds: 'Tempo médio de resposta (s)',
  customer_sentiment: 'Sentimento dos clientes (-1..1)',
  question_ratio: 'Proporção de perguntas',
  avg_words_per_message: 'Palavras por mensagem',
};

/** compare_agents dimensions in the words generate_recommendations matches its actions on. */
const WEAKNESS_WORDS: Record<string, string> = {
  avg_response_seconds: 'response_time (tempo de resposta)',
  customer_sentiment: 'satisfação dos clientes',
  conversion_rate: 'taxa de conversão',
  conversions: 'conversões',
  revenue: 'receita',
  question_ratio: 'perguntas de descoberta',
};

function fmt(value: unknown): string | number {
  const n = num(value);
  if (n === undefined) return '—';
  return Math.round(n * 100) / 100;
}

function periodText(result: Record<string, unknown> | undefined): string {
  const name = str(field(result, 'period', 'name'));
  const from = str(field(result, 'period', 'from'))?.slice(0, 10);
  const to = str(field(result, 'period', 'to'))?.slice(0, 10);
  return `${name ? periodLabel(name) : 'no período'}${from && to ? `, ${from} a ${to}` : ''}`;
}

/** bi_manager's tool for a question. */
export function biCall(message: string): PolicyCall {
  const text = normalizeText(message);
  const names = readAgentNames(message);
  if (WHY.test(text)) return { name: ANALYZER_TOOL, args: { request: message } };
  if (names.length >= 2) {
    return { name: 'compare_agents', args: { agent_a: names[0], agent_b: names[1], period: readPeriod(message) } };
  }
  if (/\bleads?\b/.test(text) && !BEST.test(text))
    return { name: 'get_leads_count', args: { period: readPeriod(message, 'today') } };
  if (BEST.test(text)) {
    const metric =
      /vend|fech|conversoes|sales|deals/.test(text) && !/taxa|rate/.test(text) ? 'conversions' : 'conversion_rate';
    return { name: 'get_top_performing_agent', args: { metric, period: readPeriod(message) } };
  }
  if (/convers|taxa|agente|vendedor|agent|rate/.test(text))
    return { name: 'get_agent_conversion_stats', args: { period: readPeriod(message) } };
  return { name: 'get_leads_count', args: { period: readPeriod(message, 'today') } };
}

interface BiAnswer {
  answer: string;
  format_guide: Record<string, unknown>;
}

function leadsAnswer(r: Record<string, unknown>): BiAnswer {
  const bySource = Object.entries((r['by_source'] as Record<string, unknown> | undefined) ?? {}).filter(
    ([, v]) => num(v) !== undefined,
  );
  const answer =
    `${periodText(r).replace(/^./, (c) => c.toUpperCase())}: **${fmt(r['total_leads'])} leads**, sendo **${fmt(r['qualified_leads'])} qualificados**, ` +
    `${fmt(r['converted_leads'])} convertidos e ${fmt(r['lost_leads'])} perdidos (fonte: get_leads_count).`;
  const sections: unknown[] = [{ type: 'text', title: 'Resumo' }];
  if (bySource.length > 0)
    sections.push({
      type: 'table',
      title: 'Leads por origem',
      columns: ['Origem', 'Leads'],
      rows: bySource.map(([k, v]) => [k, num(v) ?? 0]),
    });
  return {
    answer,
    format_guide: {
      format: 'markdown',
      structure:
        bySource.length > 0
          ? { sections, highlight_numbers: true }
          : { type: 'single_paragraph', highlight_numbers: true },
      styling: { bold_numbers: true },
      ...(bySource.length > 0
        ? { chart_config: { type: 'pie', title: 'Leads por origem', x_axis: 'Origem', y_axis: 'Leads' } }
        : {}),
    },
  };
}

function topAnswer(r: Record<string, unknown>): BiAnswer {
  const metric = str(r['metric']) ?? 'conversion_rate';
  const winner = str(field(r, 'winner', 'name'));
  const ranking = arr(r['ranking']);
  const label = DIMENSION_LABELS[metric] ?? metric;
  const answer = winner
    ? `**${winner}** foi o melhor agente ${periodText(r)} em ${label.toLowerCase()}: **${fmt(r['value'])}** (fonte: get_top_performing_agent).`
    : `Nenhum agente tem dados suficientes ${periodText(r)} para ${label.toLowerCase()} (fonte: get_top_performing_agent).`;
  return summaryAndTable(
    answer,
    {
      title: 'Ranking',
      columns: ['Agente', label],
      rows: ranking.map((x) => [str(field(x, 'name')) ?? '?', fmt(field(x, 'value'))]),
    },
    { type: 'bar', title: `${label} por agente`, x_axis: 'Agente', y_axis: label },
  );
}

function statsAnswer(r: Record<string, unknown>): BiAnswer {
  const agents = arr(r['agents']);
  const answer =
    `${periodText(r).replace(/^./, (c) => c.toUpperCase())}: ${fmt(field(r, 'totals', 'conversions'))} conversões em ${fmt(field(r, 'totals', 'leads_assigned'))} leads atribuídos ` +
    `(taxa de ${fmt(field(r, 'totals', 'conversion_rate'))}%), por agente na tabela (fonte: get_agent_conversion_stats).`;
  return summaryAndTable(
    answer,
    {
      title: 'Conversão por agente',
      columns: ['Agente', 'Leads', 'Conversões', 'Taxa (%)'],
      rows: agents.map((a) => [
        str(field(a, 'name')) ?? '?',
        fmt(field(a, 'leads_assigned')),
        fmt(field(a, 'conversions')),
        fmt(field(a, 'conversion_rate')),
      ]),
    },
    { type: 'bar', title: 'Taxa de conversão por agente', x_axis: 'Agente', y_axis: 'Taxa (%)' },
  );
}

/** The common BI shape: the answer as a summary, one table, numbers highlighted, a chart of the table. */
function summaryAndTable(
  answer: string,
  table: { title: string; columns: string[]; rows: unknown[][] },
  chart: Record<string, unknown>,
): BiAnswer {
  return {
    answer,
    format_guide: {
      format: 'markdown',
      structure: {
        sections: [
          { type: 'text', title: 'Resumo' },
          { type: 'table', ...table },
        ],
        highlight_numbers: true,
      },
      chart_config: chart,
    },
  };
}

function compareAnswer(r: Record<string, unknown>): BiAnswer {
  const [a, b] = arr(r['agents']);
  const nameA = str(field(a, 'name')) ?? 'A';
  const nameB = str(field(b, 'name')) ?? 'B';
  const winner = str(r['overall_winner']);
  const insights = arr(r['insights'])
    .map(str)
    .filter((x): x is string => x !== undefined);
  const dims = arr(r['dimensions']);
  const answer =
    `${winner ? `**${winner}** vence no geral` : 'Empate no geral'} na comparação entre ${nameA} e ${nameB} ${periodText(r)} (fonte: compare_agents).` +
    (insights.length > 0 ? `\n\n${insights.map((i) => `- ${i}`).join('\n')}` : '');
  return {
    answer,
    format_guide: {
      format: 'markdown',
      structure: {
        sections: [
          { type: 'text', title: 'Resumo' },
          {
            type: 'table',
            title: 'Comparação detalhada',
            columns: ['Dimensão', nameA, nameB, 'Vencedor'],
            rows: dims.map((d) => [
              DIMENSION_LABELS[str(field(d, 'name')) ?? ''] ?? str(field(d, 'name')) ?? '?',
              fmt(field(d, 'a')),
              fmt(field(d, 'b')),
              str(field(d, 'winner')) ?? '—',
            ]),
          },
          { type: 'bullets', title: 'Insights', items: insights },
        ],
      },
      chart_config: {
        type: 'radar',
        title: `${nameA} x ${nameB}`,
        dimensions: dims.map((d) => str(field(d, 'name')) ?? '?'),
      },
    },
  };
}

/** The BI answer from whatever tool answered; the numbers are the tool's, never computed here. */
export function biAnswer(results: Results): BiAnswer {
  const analysis = results.get(ANALYZER_TOOL);
  if (analysis !== undefined) {
    const text =
      analysis instanceof ToolFailure
        ? `Não consegui obter a análise qualitativa: ${errorSummary(analysis.text)}`
        : typeof analysis === 'string'
          ? analysis
          : JSON.stringify(analysis);
    return {
      answer: text,
      format_guide: {
        format: 'markdown',
        structure: { sections: [{ type: 'text', title: 'Análise qualitativa (Agent Analyzer)' }] },
      },
    };
  }
  const builders: Array<[string, (r: Record<string, unknown>) => BiAnswer]> = [
    ['compare_agents', compareAnswer],
    ['get_top_performing_agent', topAnswer],
    ['get_agent_conversion_stats', statsAnswer],
    ['get_leads_count', leadsAnswer],
  ];
  for (const [tool, build] of builders) {
    const result = objectResult(results, tool);
    if (result) return build(result);
    const error = errorResult(results, tool);
    if (error)
      return {
        answer: `Não consegui obter os dados (${tool}): ${errorSummary(error)}`,
        format_guide: { format: 'plain_text', structure: {} },
      };
  }
  return {
    answer:
      'Não consegui consultar os dados de BI agora (modo offline, nenhuma ferramenta respondeu). Nenhum número foi estimado.',
    format_guide: { format: 'plain_text', structure: {} },
  };
}

/** bi_manager: one BI tool (or the analyzer for "why" questions) → `{answer, format_guide}` as JSON. */
export const biManagerPolicy: SteppedOfflinePolicy = definePolicy({
  searchMemoryFirst: false,
  steps: [(message) => biCall(message)],
  answer: (_message, results) => JSON.stringify(biAnswer(results)),
});

/** agent_analyzer: compare two named agents (then recommendations) or analyze one; none named → stats. */
export const agentAnalyzerPolicy: SteppedOfflinePolicy = definePolicy({
  searchMemoryFirst: false,
  steps: [
    (message) => {
      const names = readAgentNames(message);
      const period = readPeriod(message, 'last_30_days');
      if (names.length >= 2) return { name: 'compare_agents', args: { agent_a: names[0], agent_b: names[1], period } };
      if (names.length === 1) return { name: 'analyze_agent_messages', args: { agent: names[0], period, limit: 20 } };
      return { name: 'get_agent_conversion_stats', args: { period } };
    },
    (_message, _state, results) => {
      const comparison = objectResult(results, 'compare_agents');
      const winner = str(comparison?.['overall_winner']);
      if (!comparison || !winner) return undefined;
      const dims = arr(comparison['dimensions']);
      const lost = dims
        .filter((d) => str(field(d, 'winner')) === winner)
        .map((d) => `${WEAKNESS_WORDS[str(field(d, 'name')) ?? ''] ?? str(field(d, 'name'))} abaixo de ${winner}`);
      const insights = arr(comparison['insights'])
        .map(str)
        .filter((x): x is string => x !== undefined)
        .map((x) => x.replace(/\.$/, ''));
      return {
        name: 'generate_recommendations',
        args: {
          strengths: [],
          weaknesses: lost.slice(0, 20),
          comparison_data: { winner_name: winner, winner_strategies: insights.slice(0, 3) },
        },
      };
    },
  ],
  answer(_message, results) {
    const comparison = objectResult(results, 'compare_agents');
    if (comparison) {
      const base = compareAnswer(comparison).answer;
      const recs = arr(field(results.get('generate_recommendations'), 'recommendations'))
        .map(str)
        .filter((x): x is string => x !== undefined);
      return recs.length > 0 ? `${base}\n\n**Recomendações**\n${recs.map((r) => `- ${r}`).join('\n')}` : base;
    }
    const analysis = objectResult(results, 'analyze_agent_messages');
    if (analysis) {
      const name = str(field(analysis, 'agent', 'name')) ?? 'o agente';
      const words = arr(analysis['converting_words'])
        .slice(0, 5)
        .map((w) => str(field(w, 'word')))
        .filter(Boolean);
      return [
        `**${name}** ${periodText(analysis)} (fonte: analyze_agent_messages):`,
        `- Conversão: ${fmt(field(analysis, 'stats', 'conversion_rate'))}% (${fmt(field(analysis, 'stats', 'conversions'))} de ${fmt(field(analysis, 'stats', 'leads_assigned'))} leads)`,
        `- Tempo médio de resposta: ${fmt(field(analysis, 'stats', 'avg_response_seconds'))} s`,
        `- Mensagens analisadas: ${fmt(field(analysis, 'indicators', 'messages_analyzed'))}; proporção de perguntas: ${fmt(field(analysis, 'indicators', 'question_ratio'))}`,
        `- Sentimento dos clientes: ${fmt(analysis['customer_sentiment'])}`,
        ...(words.length > 0 ? [`- Palavras associadas a conversão: ${words.join(', ')}`] : []),
        'Modo offline: tom e gramática exigem a leitura do modelo de linguagem.',
      ].join('\n');
    }
    const stats = objectResult(results, 'get_agent_conversion_stats');
    if (stats) return `${statsAnswer(stats).answer}\nQuais agentes você quer que eu compare?`;
    const failedTool = [...results.keys()].find((k) => k !== 'search_memory' && errorResult(results, k) !== undefined);
    if (failedTool)
      return `Não consegui analisar (${failedTool}): ${errorSummary(errorResult(results, failedTool) ?? '')}`;
    return 'Quais agentes você quer que eu analise, e em qual período?';
  },
});
