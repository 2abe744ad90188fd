import { z } from 'zod';
import { defineTool, proseLanguageArg, ToolError, type ToolSpec } from '../framework/index.js';
import { type Cell, markdownTable } from './markdown.js';
import { learnFromWinner, WEAKNESS_ACTIONS } from './recommendation-actions.js';

const CellSchema = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
const ChartTypeSchema = z.enum(['bar', 'line', 'pie', 'radar']);

/** The seed's ResponseFormatGuide: the Go side (or our HTTP bridge) renders the answer from it. */
const FormatGuideShape = {
  format: z.enum(['markdown', 'html', 'json', 'plain_text']),
  structure: z.record(z.string(), z.unknown()),
  styling: z.record(z.string(), z.unknown()),
  chart_config: z.record(z.string(), z.unknown()).nullable(),
};
const FormatGuideSchema = z.object(FormatGuideShape);

const formatTable = defineTool({
  name: 'format_table',
  access: 'public',
  title: 'Format a table',
  description:
    'Turn rows of numbers you already have (from other tools) into a Markdown table plus a format_guide section ' +
    'the UI renders. Use it for rankings and comparisons ("desempenho por agente"). Optionally adds a chart ' +
    'config over the table (first column = x, second = y). Does not fetch data: pass the values.',
  input: {
    title: z.string().max(200).optional().describe('Table title, e.g. "Desempenho por Agente"'),
    columns: z.array(z.string().min(1).max(100)).min(1).max(20).describe('Column headers, left to right'),
    rows: z.array(z.array(CellSchema).max(20)).max(200).describe('Rows of cells, same order as columns'),
    summary: z.string().max(2000).optional().describe('One-paragraph summary shown above the table'),
    chart_type: ChartTypeSchema.optional().describe('Also describe a chart of this type over the table'),
  },
  output: { markdown: z.string(), row_count: z.number().int(), format_guide: FormatGuideSchema },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler({ title, columns, rows, summary, chart_type }) {
    const table = markdownTable(columns, rows as Cell[][]);
    const sections: Record<string, unknown>[] = [];
    if (summary) sections.push({ type: 'summary', content: summary });
    sections.push({ type: 'table', ...(title ? { title } : {}), columns, rows });
    const markdown = [title ? `## ${title}` : '', summary ?? '', table].filter(Boolean).join('\n\n');
    const chartConfig =
      chart_type && columns.length >= 2
        ? { type: chart_type, data_source: 'table', x_column: columns[0], y_column: columns[1] }
        : null;
    return {
      markdown,
      row_count: rows.length,
      format_guide: { format: 'markdown' as const, structure: { sections }, styling: {}, chart_config: chartConfig },
    };
  },
});

const formatChartConfig = defineTool({
  name: 'format_chart_config',
  access: 'public',
  title: 'Chart configuration',
  description:
    'Build a chart configuration (bar, line, pie, radar) the front end renders (Chart.js-like). Pass the data ' +
    'points you got from analytics tools; x_axis and y_axis name the keys of each point. Returns the config ' +
    'to put in format_guide.chart_config.',
  input: {
    chart_type: ChartTypeSchema.describe(
      'bar for rankings, line for trends over time, pie for shares, radar for multi-dimension comparisons',
    ),
    x_axis: z
      .string()
      .min(1)
      .max(100)
      .describe('Key of each data point used as the category/x value, e.g. "agent_name"'),
    y_axis: z
      .string()
      .min(1)
      .max(100)
      .describe('Key of each data point used as the numeric/y value, e.g. "conversion_rate"'),
    data: z
      .array(z.record(z.string(), CellSchema))
      .min(1)
      .max(500)
      .describe('Data points: objects holding at least x_axis and y_axis keys'),
    title: z.string().max(200).optional().describe('Chart title, e.g. "Taxa de Conversão por Agente"'),
  },
  output: {
    type: ChartTypeSchema,
    title: z.string(),
    x_axis: z.string(),
    y_axis: z.string(),
    labels: z.array(z.string()),
    values: z.array(z.number()),
    data: z.array(z.record(z.string(), CellSchema)),
    options: z.record(z.string(), z.unknown()),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler({ chart_type, x_axis, y_axis, data, title }) {
    const missing = data.findIndex((point) => !(x_axis in point) || !(y_axis in point));
    if (missing >= 0) {
      throw new ToolError(`data[${missing}] lacks "${x_axis}" or "${y_axis}": every point needs both keys.`);
    }
    const values = data.map((point) => Number(point[y_axis]));
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new ToolError(`data[${bad}].${y_axis} is not a number: y values must be numeric.`);
    return {
      type: chart_type,
      title: title ?? '',
      x_axis,
      y_axis,
      labels: data.map((point) => String(point[x_axis] ?? '')),
      values,
      data,
      options: { responsive: true, plugins: { legend: { display: true }, tooltip: { enabled: true } } },
    };
  },
});

const StatsSchema = z.object({ mean: z.number(), min: z.number(), max: z.number(), count: z.number().int() });

const aggregateScores = defineTool({
  name: 'aggregate_scores',
  access: 'public',
  title: 'Aggregate quality scores',
  description:
    'Average per-message (or per-conversation) quality scores by dimension (e.g. grammar, tone, ' +
    'brand_alignment, response_time_seconds): mean, min and max per dimension and the sample size. Use it after ' +
    'scoring message samples from analyze_agent_messages. Dimensions missing from some items are averaged over ' +
    'the items that have them.',
  input: {
    scores_list: z
      .array(z.record(z.string().min(1).max(60), z.number()))
      .min(1)
      .max(1000)
      .describe('One object per scored item, dimension → score, e.g. [{"grammar": 9, "tone": 8}]'),
  },
  output: { dimensions: z.record(z.string(), StatsSchema), sample_size: z.number().int() },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler({ scores_list }) {
    const acc = new Map<string, { sum: number; min: number; max: number; count: number }>();
    for (const item of scores_list) {
      for (const [dimension, value] of Object.entries(item)) {
        if (!Number.isFinite(value)) continue;
        const a = acc.get(dimension) ?? { sum: 0, min: Infinity, max: -Infinity, count: 0 };
        a.sum += value;
        a.min = Math.min(a.min, value);
        a.max = Math.max(a.max, value);
        a.count += 1;
        acc.set(dimension, a);
      }
    }
    const dimensions: Record<string, z.infer<typeof StatsSchema>> = {};
    for (const [dimension, a] of acc) {
      dimensions[dimension] = { mean: round2(a.sum / a.count), min: a.min, max: a.max, count: a.count };
    }
    return { dimensions, sample_size: scores_list.length };
  },
});

const generateRecommendations = defineTool({
  name: 'generate_recommendations',
  access: 'public',
  title: 'Recommendations from strengths and weaknesses',
  description:
    "Turn an agent's weaknesses (and optionally what a better-performing agent does) into actionable " +
    "training recommendations, written in `language` (the question's). Weakness texts are matched to known dimensions (grammar, tone, brand, " +
    'response time, satisfaction, escalation). Use after aggregate_scores or compare_agents.',
  input: {
    strengths: z.array(z.string().max(300)).max(20).describe('What the agent does well (kept as reinforcement)'),
    weaknesses: z
      .array(z.string().max(300))
      .max(20)
      .describe('What to improve, e.g. "response_time slow", "tom pouco empático"'),
    comparison_data: z
      .object({
        winner_name: z.string().max(100).describe('Name of the better-performing agent'),
        winner_strategies: z.array(z.string().max(200)).max(10).describe('What the winner does differently'),
      })
      .optional()
      .describe('When comparing agents: who did better and how'),
    language: proseLanguageArg(),
  },
  output: {
    recommendations: z.array(z.string()),
    unmatched_weaknesses: z.array(z.string()),
    keep_doing: z.array(z.string()),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler({ strengths, weaknesses, comparison_data, language }) {
    const recommendations: string[] = [];
    const unmatched: string[] = [];
    for (const weakness of weaknesses) {
      const text = weakness.toLowerCase();
      const hits = WEAKNESS_ACTIONS.filter((w) => w.keys.some((k) => text.includes(k)));
      if (hits.length === 0) unmatched.push(weakness);
      for (const hit of hits) {
        const action = hit.action[language];
        if (!recommendations.includes(action)) recommendations.push(action);
      }
    }
    if (comparison_data && comparison_data.winner_strategies.length > 0) {
      recommendations.push(learnFromWinner(language, comparison_data.winner_name, comparison_data.winner_strategies));
    }
    return { recommendations, unmatched_weaknesses: unmatched, keep_doing: strengths };
  },
});

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The format server's tools: pure functions over their arguments (no store, no tenant data). */
export function formatTools(): ToolSpec[] {
  return [formatTable, formatChartConfig, aggregateScores, generateRecommendations];
}
