import { formatDate, formatNumber, normalizeText } from '../../../../shared/index.js';
import { answerLocale } from '../policy-kit/answer-locale.js';
import { definePolicy, type PolicyCall, type SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { comparisonPeriod, periodLabel, readAgentNames, readPeriod } from '../policy-kit/read-analytics.js';
import { say } from '../policy-kit/read-message.js';
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

const DIMENSION_LABELS: Record<string, [string, string, string]> = {
  conversion_rate: ['Taxa de conversão (%)', 'Conversion rate (%)', 'Tasa de conversión (%)'],
  conversions: ['Conversões', 'Conversions', 'Conversiones'],
  revenue: ['Receita', 'Revenue', 'Ingresos'],
  avg_response_seconds: ['Tempo médio de resposta (s)', 'Average response time (s)', 'Tiempo medio de respuesta (s)'],
  customer_sentiment: [
    'Sentimento dos clientes (-1..1)',
    'Customer sentiment (-1..1)',
    'Sentimiento de los clientes (-1..1)',
  ],
  question_ratio: ['Proporção de perguntas', 'Question ratio', 'Proporción de preguntas'],
  avg_words_per_message: ['Palavras por mensagem', 'Words per message', 'Palabras por mensaje'],
};

/** A dimension's label in the session's language; an unknown one as it came. */
function dimensionLabel(name: string): string | undefined {
  const labels = DIMENSION_LABELS[name];
  return labels ? say('', ...labels) : undefined;
}

/** A word of the answer's frame in the session's language. */
const t = (pt: string, en: string, es: string) => say('', pt, en, es);

/** compare_agents dimensions in the words generate_recommendations matches its actions on. */
const WEAKNESS_WORDS: Record<string, string> = {
  avg_response_seconds: 'response_time (tempo de resposta)',
  customer_sentiment: 'satisfação dos clientes',
  conversion_rate: 'taxa de conversão',
  conversions: 'conversões',
  revenue: 'receita',
  question_ratio: 'perguntas de descoberta',
};

/** A number as the session's language writes it ("1.234,5" in PT-BR); '—' when missing. */
function fmt(value: unknown): string {
  const n = num(value);
  if (n === undefined) return '—';
  return formatNumber(n, answerLocale().language);
}

/** A table cell: the number itself (charts read it), rounded; '—' when missing. */
function cell(value: unknown): string | number {
  const n = num(value);
  return n === undefined ? '—' : Math.round(n * 100) / 100;
}

/**
 * "ontem (03/12/2026)", "this month (12/01/2026 – 12/04/2026)": the period's name and its days in the
 * period's own time zone (the tenant's), the last day inclusive.
 */
function periodText(result: Record<string, unknown> | undefined): string {
  const name = str(field(result, 'period', 'name'));
  const from = str(field(result, 'period', 'from'));
  const to = str(field(result, 'period', 'to'));
  const { language, timeZone: fallbackZone } = answerLocale();
  const timeZone = str(field(result, 'period', 'timezone')) ?? fallbackZone;
  const label = name && name !== 'custom' ? periodLabel(name) : t('no período', 'in the period', 'en el período');
  if (!from || !to) return label;
  const day = (iso: string | Date) =>
    formatDate(iso, language, { timeZone, withTime: false, withWeekday: false, withYear: true });
  const first = day(from);
  const last = day(new Date(new Date(to).getTime() - 1));
  return `${label} (${first === last ? first : `${first} – ${last}`})`;
}

/** bi_manager's tool for a question. */
export function biCall(message: string): PolicyCall {
  const text = normalizeText(message);
  const names = readAgentNames(message);
  if (WHY.test(text)) return { name: ANALYZER_TOOL, args: { request: message } };
  if (names.length >= 2) {
    return {
      name: 'compare_agents',
      args: { agent_a: names[0], agent_b: names[1], ...comparisonPeriod(message), language: answerLocale().language },
    };
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
  const period = periodText(r).replace(/^./, (c) => c.toUpperCase());
  const answer = t(
    `${period}: **${fmt(r['total_leads'])} leads**, sendo **${fmt(r['qualified_leads'])} qualificados**, ` +
      `${fmt(r['converted_leads'])} convertidos e ${fmt(r['lost_leads'])} perdidos (fonte: get_leads_count).`,
    `${period}: **${fmt(r['total_leads'])} leads**, **${fmt(r['qualified_leads'])} qualified**, ` +
      `${fmt(r['converted_leads'])} converted and ${fmt(r['lost_leads'])} lost (source: get_leads_count).`,
    `${period}: **${fmt(r['total_leads'])} leads**, de ellos **${fmt(r['qualified_leads'])} calificados**, ` +
      `${fmt(r['converted_leads'])} convertidos y ${fmt(r['lost_leads'])} perdidos (fuente: get_leads_count).`,
  );
  const bySourceTitle = t('Leads por origem', 'Leads by source', 'Leads por origen');
  const sourceColumn = t('Origem', 'Source', 'Origen');
  const sections: unknown[] = [{ type: 'text', title: t('Resumo', 'Summary', 'Resumen') }];
  if (bySource.length > 0)
    sections.push({
      type: 'table',
      title: bySourceTitle,
      columns: [sourceColumn, 'Leads'],
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
        ? { chart_config: { type: 'pie', title: bySourceTitle, x_axis: sourceColumn, y_axis: 'Leads' } }
        : {}),
    },
  };
}

function topAnswer(r: Record<string, unknown>): BiAnswer {
  const metric = str(r['metric']) ?? 'conversion_rate';
  const winner = str(field(r, 'winner', 'name'));
  const ranking = arr(r['ranking']);
  const label = dimensionLabel(metric) ?? metric;
  const period = periodText(r);
  const value = fmt(r['value']);
  const lower = label.toLowerCase();
  const answer = winner
    ? t(
        `**${winner}** foi o melhor agente ${period} em ${lower}: **${value}** (fonte: get_top_performing_agent).`,
        `**${winner}** was the best agent ${period} by ${lower}: **${value}** (source: get_top_performing_agent).`,
        `**${winner}** fue el mejor agente ${period} en ${lower}: **${value}** (fuente: get_top_performing_agent).`,
      )
    : t(
        `Nenhum agente tem dados suficientes ${period} para ${lower} (fonte: get_top_performing_agent).`,
        `No agent has enough data ${period} for ${lower} (source: get_top_performing_agent).`,
        `Ningún agente tiene datos suficientes ${period} para ${lower} (fuente: get_top_performing_agent).`,
      );
  const agent = t('Agente', 'Agent', 'Agente');
  return summaryAndTable(
    answer,
    {
      title: 'Ranking',
      columns: [agent, label],
      rows: ranking.map((x) => [str(field(x, 'name')) ?? '?', cell(field(x, 'value'))]),
    },
    {
      type: 'bar',
      title: t(`${label} por agente`, `${label} by agent`, `${label} por agente`),
      x_axis: agent,
      y_axis: label,
    },
  );
}

function statsAnswer(r: Record<string, unknown>): BiAnswer {
  const agents = arr(r['agents']);
  const period = periodText(r).replace(/^./, (c) => c.toUpperCase());
  const conversions = fmt(field(r, 'totals', 'conversions'));
  const leads = fmt(field(r, 'totals', 'leads_assigned'));
  const rate = fmt(field(r, 'totals', 'conversion_rate'));
  const answer = t(
    `${period}: ${conversions} conversões em ${leads} leads atribuídos (taxa de ${rate}%), por agente na tabela (fonte: get_agent_conversion_stats).`,
    `${period}: ${conversions} conversions out of ${leads} assigned leads (${rate}% rate), per agent in the table (source: get_agent_conversion_stats).`,
    `${period}: ${conversions} conversiones en ${leads} leads asignados (tasa de ${rate}%), por agente en la tabla (fuente: get_agent_conversion_stats).`,
  );
  const agent = t('Agente', 'Agent', 'Agente');
  const rateColumn = t('Taxa (%)', 'Rate (%)', 'Tasa (%)');
  return summaryAndTable(
    answer,
    {
      title: t('Conversão por agente', 'Conversion by agent', 'Conversión por agente'),
      columns: [agent, 'Leads', t('Conversões', 'Conversions', 'Conversiones'), rateColumn],
      rows: agents.map((a) => [
        str(field(a, 'name')) ?? '?',
        cell(field(a, 'leads_assigned')),
        cell(field(a, 'conversions')),
        cell(field(a, 'conversion_rate')),
      ]),
    },
    {
      type: 'bar',
      title: t('Taxa de conversão por agente', 'Conversion rate by agent', 'Tasa de conversión por agente'),
      x_axis: agent,
      y_axis: rateColumn,
    },
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
          { type: 'text', title: t('Resumo', 'Summary', 'Resumen') },
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
  const period = periodText(r);
  const answer =
    t(
      `${winner ? `**${winner}** vence no geral` : 'Empate no geral'} na comparação entre ${nameA} e ${nameB} ${period} (fonte: compare_agents).`,
      `${winner ? `**${winner}** wins overall` : 'Overall tie'} comparing ${nameA} and ${nameB} ${period} (source: compare_agents).`,
      `${winner ? `**${winner}** gana en general` : 'Empate en general'} en la comparación entre ${nameA} y ${nameB} ${period} (fuente: compare_agents).`,
    ) + (insights.length > 0 ? `\n\n${insights.map((i) => `- ${i}`).join('\n')}` : '');
  return {
    answer,
    format_guide: {
      format: 'markdown',
      structure: {
        sections: [
          { type: 'text', title: t('Resumo', 'Summary', 'Resumen') },
          {
            type: 'table',
            title: t('Comparação detalhada', 'Detailed comparison', 'Comparación detallada'),
            columns: [t('Dimensão', 'Dimension', 'Dimensión'), nameA, nameB, t('Vencedor', 'Winner', 'Ganador')],
            rows: dims.map((d) => [
              dimensionLabel(str(field(d, 'name')) ?? '') ?? str(field(d, 'name')) ?? '?',
              cell(field(d, 'a')),
              cell(field(d, 'b')),
              str(field(d, 'winner')) ?? '—',
            ]),
          },
          { type: 'bullets', title: 'Insights', items: insights },
        ],
      },
      // The seed's radar: one axis per measured dimension, one series per agent, the tool's values
      // (null where the tool measured nothing — never a made-up 0).
      chart_config: {
        type: 'radar',
        title: `${nameA} x ${nameB} ${period}`,
        dimensions: dims.map((d) => str(field(d, 'name')) ?? '?'),
        series: [
          { name: nameA, data: dims.map((d) => num(field(d, 'a')) ?? null) },
          { name: nameB, data: dims.map((d) => num(field(d, 'b')) ?? null) },
        ],
      },
    },
  };
}

/** A comparison answer with the recommendations as text and as a bullets section. */
function withRecommendations(base: BiAnswer, recs: readonly string[]): BiAnswer {
  if (recs.length === 0) return base;
  const title = t('Recomendações', 'Recommendations', 'Recomendaciones');
  const structure = (base.format_guide['structure'] ?? {}) as Record<string, unknown>;
  const sections = [...arr(structure['sections']), { type: 'bullets', title, items: [...recs] }];
  return {
    answer: `${base.answer}\n\n**${title}**\n${recs.map((r) => `- ${r}`).join('\n')}`,
    format_guide: { ...base.format_guide, structure: { ...structure, sections } },
  };
}

/** The analyzer's answer when it already is a BI answer ({answer, format_guide}). */
function asBiAnswer(value: unknown): BiAnswer | undefined {
  if (typeof value !== 'object' || value === null || value instanceof ToolFailure) return undefined;
  const { answer, format_guide: guide } = value as Record<string, unknown>;
  return typeof answer === 'string' && typeof guide === 'object' && guide !== null && !Array.isArray(guide)
    ? { answer, format_guide: guide as Record<string, unknown> }
    : undefined;
}

/** The BI answer from whatever tool answered; the numbers are the tool's, never computed here. */
export function biAnswer(results: Results): BiAnswer {
  const analysis = results.get(ANALYZER_TOOL);
  // The analyzer's comparison already is a BI answer (table, radar): pass it on as it is.
  const passed = asBiAnswer(analysis);
  if (passed) return passed;
  if (analysis !== undefined) {
    const text =
      analysis instanceof ToolFailure
        ? t(
            `Não consegui obter a análise qualitativa: ${errorSummary(analysis.text)}`,
            `I could not get the qualitative analysis: ${errorSummary(analysis.text)}`,
            `No pude obtener el análisis cualitativo: ${errorSummary(analysis.text)}`,
          )
        : typeof analysis === 'string'
          ? analysis
          : JSON.stringify(analysis);
    return {
      answer: text,
      format_guide: {
        format: 'markdown',
        structure: {
          sections: [
            {
              type: 'text',
              title: t(
                'Análise qualitativa (Agent Analyzer)',
                'Qualitative analysis (Agent Analyzer)',
                'Análisis cualitativo (Agent Analyzer)',
              ),
            },
          ],
        },
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
        answer: t(
          `Não consegui obter os dados (${tool}): ${errorSummary(error)}`,
          `I could not get the data (${tool}): ${errorSummary(error)}`,
          `No pude obtener los datos (${tool}): ${errorSummary(error)}`,
        ),
        format_guide: { format: 'plain_text', structure: {} },
      };
  }
  return {
    answer: t(
      'Não consegui consultar os dados de BI agora (modo offline, nenhuma ferramenta respondeu). Nenhum número foi estimado.',
      'I could not query the BI data right now (offline mode, no tool answered). No number was estimated.',
      'No pude consultar los datos de BI ahora (modo offline, ninguna herramienta respondió). No se estimó ningún número.',
    ),
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
      if (names.length >= 2)
        return {
          name: 'compare_agents',
          args: {
            agent_a: names[0],
            agent_b: names[1],
            ...comparisonPeriod(message),
            language: answerLocale().language,
          },
        };
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
          language: answerLocale().language,
        },
      };
    },
  ],
  answer(_message, results) {
    const comparison = objectResult(results, 'compare_agents');
    if (comparison) {
      // The seed's comparison answer: {answer, format_guide} with the dimension table and the radar,
      // plus the recommendations — what bi_manager passes on when it delegates a "why" question.
      const recs = arr(field(results.get('generate_recommendations'), 'recommendations'))
        .map(str)
        .filter((x): x is string => x !== undefined);
      return JSON.stringify(withRecommendations(compareAnswer(comparison), recs));
    }
    const analysis = objectResult(results, 'analyze_agent_messages');
    if (analysis) {
      const name = str(field(analysis, 'agent', 'name')) ?? t('o agente', 'the agent', 'el agente');
      const words = arr(analysis['converting_words'])
        .slice(0, 5)
        .map((w) => str(field(w, 'word')))
        .filter(Boolean);
      const conversion = fmt(field(analysis, 'stats', 'conversion_rate'));
      const conversions = fmt(field(analysis, 'stats', 'conversions'));
      const assigned = fmt(field(analysis, 'stats', 'leads_assigned'));
      const seconds = fmt(field(analysis, 'stats', 'avg_response_seconds'));
      const analysed = fmt(field(analysis, 'indicators', 'messages_analyzed'));
      const questions = fmt(field(analysis, 'indicators', 'question_ratio'));
      const sentiment = fmt(analysis['customer_sentiment']);
      return [
        `**${name}** ${periodText(analysis)} (${t('fonte', 'source', 'fuente')}: analyze_agent_messages):`,
        t(
          `- Conversão: ${conversion}% (${conversions} de ${assigned} leads)`,
          `- Conversion: ${conversion}% (${conversions} of ${assigned} leads)`,
          `- Conversión: ${conversion}% (${conversions} de ${assigned} leads)`,
        ),
        t(
          `- Tempo médio de resposta: ${seconds} s`,
          `- Average response time: ${seconds} s`,
          `- Tiempo medio de respuesta: ${seconds} s`,
        ),
        t(
          `- Mensagens analisadas: ${analysed}; proporção de perguntas: ${questions}`,
          `- Messages analysed: ${analysed}; question ratio: ${questions}`,
          `- Mensajes analizados: ${analysed}; proporción de preguntas: ${questions}`,
        ),
        t(
          `- Sentimento dos clientes: ${sentiment}`,
          `- Customer sentiment: ${sentiment}`,
          `- Sentimiento de los clientes: ${sentiment}`,
        ),
        ...(words.length > 0
          ? [
              t(
                `- Palavras associadas a conversão: ${words.join(', ')}`,
                `- Words associated with conversion: ${words.join(', ')}`,
                `- Palabras asociadas a la conversión: ${words.join(', ')}`,
              ),
            ]
          : []),
        t(
          'Modo offline: tom e gramática exigem a leitura do modelo de linguagem.',
          'Offline mode: tone and grammar need a language model to read the messages.',
          'Modo offline: el tono y la gramática requieren que un modelo de lenguaje lea los mensajes.',
        ),
      ].join('\n');
    }
    const stats = objectResult(results, 'get_agent_conversion_stats');
    if (stats)
      return `${statsAnswer(stats).answer}\n${t('Quais agentes você quer que eu compare?', 'Which agents should I compare?', '¿Qué agentes quieres que compare?')}`;
    const failedTool = [...results.keys()].find((k) => k !== 'search_memory' && errorResult(results, k) !== undefined);
    if (failedTool) {
      const why = errorSummary(errorResult(results, failedTool) ?? '');
      return t(
        `Não consegui analisar (${failedTool}): ${why}`,
        `I could not analyse it (${failedTool}): ${why}`,
        `No pude analizarlo (${failedTool}): ${why}`,
      );
    }
    return t(
      'Quais agentes você quer que eu analise, e em qual período?',
      'Which agents should I analyse, and for which period?',
      '¿Qué agentes quieres que analice, y en qué período?',
    );
  },
});
