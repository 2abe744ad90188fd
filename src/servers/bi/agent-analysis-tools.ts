import { z } from 'zod';
import { defineTool, proseLanguageArg, ToolError } from '../framework/index.js';
import { type BiRuntime, type PublicAgentStats, publicStats, resolveAgent } from './bi-context.js';
import { AgentStatsSchema, ConvertingWordSchema, MessageIndicatorsSchema } from './bi-schemas.js';
import { comparisonInsights } from './comparison-insights.js';
import { convertingWords, messageIndicators } from './message-analysis.js';
import { periodShape, type ResolvedPeriod, ResolvedPeriodSchema, resolvePeriod } from './periods.js';

/** Messages read for indicators and word statistics (samples shown are fewer). */
const ANALYSIS_POOL = 500;

function analysisOf(rt: BiRuntime, tenantId: string, agentId: string, period: ResolvedPeriod) {
  return rt.cached(tenantId, `analysis|${agentId}|${period.from}|${period.to}`, () => {
    const bi = rt.store.crm.bi;
    const messages = bi.agentMessages(tenantId, agentId, period, ANALYSIS_POOL);
    const stats = bi.agentStats(tenantId, period).find((r) => r.id === agentId);
    const customer = bi.customerSentiment(tenantId, agentId, period);
    return {
      messages,
      stats: stats ? publicStats(stats) : undefined,
      indicators: messageIndicators(messages),
      converting_words: convertingWords(messages),
      customer_sentiment: customer.avg_sentiment === null ? null : Math.round(customer.avg_sentiment * 100) / 100,
      customer_messages: customer.n,
    };
  });
}

/** `analyze_agent_messages`: samples plus indicators for the Agent Analyzer. */
export function analyzeAgentMessagesTool(rt: BiRuntime) {
  return defineTool({
    name: 'analyze_agent_messages',
    access: 'tenant',
    title: 'Analyze an agent’s messages',
    description:
      'Read a sample of what one agent (human or AI) wrote to customers in a period, with simple quality ' +
      'indicators to reason on: average response time, words per message, question ratio, personalization, ' +
      'message and customer sentiment, conversion stats, and words that appear more in conversations that ' +
      'converted. Use it to explain WHY an agent performs as it does; judge grammar/tone yourself from the samples.',
    input: {
      agent: z.string().min(1).max(100).describe('Agent id or name, e.g. "agent-joao" or "João"'),
      limit: z.number().int().min(1).max(100).default(20).describe('How many message samples to return (newest first)'),
      ...periodShape('last_30_days'),
    },
    output: {
      agent: z.object({ agent_id: z.string(), name: z.string(), kind: z.enum(['human', 'ai']), team: z.string() }),
      period: ResolvedPeriodSchema,
      stats: AgentStatsSchema.nullable(),
      indicators: MessageIndicatorsSchema,
      customer_sentiment: z
        .number()
        .nullable()
        .describe('Average sentiment (-1..1) of customer messages in this agent’s conversations'),
      converting_words: z.array(ConvertingWordSchema),
      samples: z.array(
        z.object({
          id: z.string(),
          conversation_id: z.string(),
          contact_id: z.string(),
          text: z.string(),
          created_at: z.string(),
          sentiment: z.number().nullable(),
          contact_converted: z.boolean(),
        }),
      ),
      from_cache: z.boolean(),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const period = resolvePeriod(args, rt.now(), rt.timeZoneOf(ctx.tenantId));
      const agent = resolveAgent(rt, ctx.tenantId, args.agent);
      const { value, hit } = analysisOf(rt, ctx.tenantId, agent.id, period);
      return {
        agent: { agent_id: agent.id, name: agent.name, kind: agent.kind, team: agent.team },
        period,
        stats: value.stats ?? null,
        indicators: value.indicators,
        customer_sentiment: value.customer_sentiment,
        converting_words: value.converting_words,
        samples: value.messages.slice(0, args.limit),
        from_cache: hit,
      };
    },
  });
}

interface Dimension {
  name: string;
  a: number | null;
  b: number | null;
  lowerIsBetter?: boolean;
}

function winnerOf(d: Dimension, nameA: string, nameB: string): string | null {
  if (d.a === null || d.b === null || d.a === d.b) return null;
  const aWins = d.lowerIsBetter ? d.a < d.b : d.a > d.b;
  return aWins ? nameA : nameB;
}

/** `compare_agents`: side-by-side numbers and a winner per dimension. */
export function compareAgentsTool(rt: BiRuntime) {
  return defineTool({
    name: 'compare_agents',
    access: 'tenant',
    title: 'Compare two agents',
    description:
      'Compare two agents over a period ("PORQUE o João converteu mais que a Maria?"): conversion rate, ' +
      'conversions, revenue, response time, customer sentiment, question ratio and words per message, with the ' +
      'winner per dimension, an overall winner (most dimensions won) and factual insights computed from the ' +
      "numbers, written in `language` (the question's: pt, en or es). Follow with analyze_agent_messages on " +
      'each agent for qualitative reasons.',
    input: {
      agent_a: z.string().min(1).max(100).describe('First agent: id or name, e.g. "João"'),
      agent_b: z.string().min(1).max(100).describe('Second agent: id or name, e.g. "Maria"'),
      ...periodShape('last_30_days'),
      language: proseLanguageArg(),
    },
    output: {
      period: ResolvedPeriodSchema,
      agents: z.tuple([AgentStatsSchema, AgentStatsSchema]),
      dimensions: z.array(
        z.object({
          name: z.string(),
          a: z.number().nullable(),
          b: z.number().nullable(),
          winner: z.string().nullable(),
          lower_is_better: z.boolean(),
        }),
      ),
      overall_winner: z.string().nullable(),
      insights: z.array(z.string()).describe('Factual sentences in the requested language, money in its format'),
      from_cache: z.boolean(),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const period = resolvePeriod(args, rt.now(), rt.timeZoneOf(ctx.tenantId));
      const agentA = resolveAgent(rt, ctx.tenantId, args.agent_a);
      const agentB = resolveAgent(rt, ctx.tenantId, args.agent_b);
      if (agentA.id === agentB.id)
        throw new ToolError('agent_a and agent_b are the same agent: name two different agents.');
      const ra = analysisOf(rt, ctx.tenantId, agentA.id, period);
      const rb = analysisOf(rt, ctx.tenantId, agentB.id, period);
      const empty = (id: string, name: string, kind: 'human' | 'ai', team: string): PublicAgentStats => ({
        agent_id: id,
        name,
        kind,
        team,
        active: true,
        leads_assigned: 0,
        conversions: 0,
        lost: 0,
        conversion_rate: 0,
        revenue: 0,
        conversations: 0,
        messages_sent: 0,
        avg_response_seconds: null,
        avg_conversation_sentiment: null,
      });
      const a = ra.value.stats ?? empty(agentA.id, agentA.name, agentA.kind, agentA.team);
      const b = rb.value.stats ?? empty(agentB.id, agentB.name, agentB.kind, agentB.team);
      const dims: Dimension[] = [
        { name: 'conversion_rate', a: a.conversion_rate, b: b.conversion_rate },
        { name: 'conversions', a: a.conversions, b: b.conversions },
        { name: 'revenue', a: a.revenue, b: b.revenue },
        { name: 'avg_response_seconds', a: a.avg_response_seconds, b: b.avg_response_seconds, lowerIsBetter: true },
        { name: 'customer_sentiment', a: ra.value.customer_sentiment, b: rb.value.customer_sentiment },
        { name: 'question_ratio', a: ra.value.indicators.question_ratio, b: rb.value.indicators.question_ratio },
        {
          name: 'avg_words_per_message',
          a: ra.value.indicators.avg_words_per_message,
          b: rb.value.indicators.avg_words_per_message,
        },
      ];
      const dimensions = dims.map((d) => ({
        name: d.name,
        a: d.a,
        b: d.b,
        winner: winnerOf(d, a.name, b.name),
        lower_is_better: d.lowerIsBetter ?? false,
      }));
      // avg_words_per_message has no "better" direction; it is context, not a vote.
      const votes = dimensions.filter((d) => d.name !== 'avg_words_per_message' && d.winner);
      const winsA = votes.filter((d) => d.winner === a.name).length;
      const winsB = votes.length - winsA;
      return {
        period,
        agents: [a, b] as [PublicAgentStats, PublicAgentStats],
        dimensions,
        overall_winner: winsA === winsB ? null : winsA > winsB ? a.name : b.name,
        insights: comparisonInsights(a, b, { language: args.language, currency: rt.currencyOf(ctx.tenantId) }),
        from_cache: ra.hit && rb.hit,
      };
    },
  });
}
