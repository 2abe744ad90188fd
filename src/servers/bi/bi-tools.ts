import { z } from 'zod';
import { defineTool, type ToolSpec } from '../framework/index.js';
import { analyzeAgentMessagesTool, compareAgentsTool } from './agent-analysis-tools.js';
import { type BiDeps, type BiRuntime, createBiRuntime, publicStats, resolveAgent } from './bi-context.js';
import { AgentKindFilter, AgentStatsSchema, METRICS, type Metric } from './bi-schemas.js';
import { periodShape, ResolvedPeriodSchema, resolvePeriod } from './periods.js';

function getLeadsCount(rt: BiRuntime) {
  return defineTool({
    name: 'get_leads_count',
    access: 'tenant',
    title: 'Lead count for a period',
    description:
      'Count the leads created in a time window ("Quantos leads tive hoje?"): total, qualified (score ≥ 60 or ' +
      'hot/warm), converted (won), lost, won value, and breakdowns by source, classification and pipeline stage. ' +
      'Numbers come from the CRM; cite the period in your answer. Results are cached for 5 minutes.',
    input: periodShape('today'),
    output: {
      period: ResolvedPeriodSchema,
      total_leads: z.number().int(),
      qualified_leads: z.number().int(),
      converted_leads: z.number().int(),
      lost_leads: z.number().int(),
      won_value: z.number(),
      by_source: z.record(z.string(), z.number()),
      by_classification: z.record(z.string(), z.number()),
      by_stage: z.record(z.string(), z.number()),
      from_cache: z.boolean(),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const period = resolvePeriod(args, rt.now(), rt.timeZoneOf(ctx.tenantId));
      const { value, hit } = rt.cached(ctx.tenantId, `leads|${period.from}|${period.to}`, () =>
        rt.store.crm.bi.leadStats(ctx.tenantId, period),
      );
      return {
        period,
        total_leads: value.total,
        qualified_leads: value.qualified,
        converted_leads: value.converted,
        lost_leads: value.lost,
        won_value: Math.round(value.total_value_won * 100) / 100,
        by_source: value.by_source,
        by_classification: value.by_classification,
        by_stage: value.by_stage,
        from_cache: hit,
      };
    },
  });
}

/** Stats of every agent in the period (cached), filtered by kind. */
function agentStats(
  rt: BiRuntime,
  tenantId: string,
  period: { from: string; to: string },
  kind: 'human' | 'ai' | 'all',
) {
  const { value, hit } = rt.cached(tenantId, `agent-stats|${period.from}|${period.to}`, () =>
    rt.store.crm.bi.agentStats(tenantId, period).map(publicStats),
  );
  return { rows: value.filter((r) => kind === 'all' || r.kind === kind), hit };
}

function getAgentConversionStats(rt: BiRuntime) {
  return defineTool({
    name: 'get_agent_conversion_stats',
    access: 'tenant',
    title: 'Conversion stats per agent',
    description:
      'Conversion numbers per agent for a period ("Qual agente converteu mais?"): leads assigned (created in the ' +
      'period), conversions, conversion rate in percent, revenue, conversations, messages sent, average response ' +
      'time. Give agent_id or agent_name for one agent, or neither for all agents, sorted by conversions.',
    input: {
      agent_id: z.string().max(100).optional().describe('Exact agent id, e.g. "agent-joao"'),
      agent_name: z.string().max(100).optional().describe('Agent name or first name, accents optional, e.g. "João"'),
      kind: AgentKindFilter,
      ...periodShape('last_30_days'),
    },
    output: {
      period: ResolvedPeriodSchema,
      agents: z.array(AgentStatsSchema),
      totals: z.object({
        leads_assigned: z.number().int(),
        conversions: z.number().int(),
        conversion_rate: z.number(),
      }),
      from_cache: z.boolean(),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const period = resolvePeriod(args, rt.now(), rt.timeZoneOf(ctx.tenantId));
      const wanted = args.agent_id ?? args.agent_name;
      const only = wanted ? resolveAgent(rt, ctx.tenantId, wanted) : undefined;
      const { rows, hit } = agentStats(rt, ctx.tenantId, period, args.kind);
      const agents = rows
        .filter((r) => !only || r.agent_id === only.id)
        .sort((a, b) => b.conversions - a.conversions || b.conversion_rate - a.conversion_rate);
      const assigned = agents.reduce((s, a) => s + a.leads_assigned, 0);
      const conversions = agents.reduce((s, a) => s + a.conversions, 0);
      return {
        period,
        agents,
        totals: {
          leads_assigned: assigned,
          conversions,
          conversion_rate: assigned ? Math.round((conversions / assigned) * 1000) / 10 : 0,
        },
        from_cache: hit,
      };
    },
  });
}

const metricValue = (metric: Metric, s: ReturnType<typeof publicStats>): number | null => {
  switch (metric) {
    case 'response_time':
      return s.avg_response_seconds;
    default:
      return s[metric];
  }
};

function getTopPerformingAgent(rt: BiRuntime) {
  return defineTool({
    name: 'get_top_performing_agent',
    access: 'tenant',
    title: 'Best agent by a metric',
    description:
      'The best agent of a period by one metric: conversion_rate (default; agents with fewer than min_leads ' +
      'assigned leads are left out so 1 of 1 does not win), conversions, revenue, response_time (lowest ' +
      'average wins) or leads_assigned. Returns the winner and the top-5 ranking. winner is null when no agent ' +
      'has data in the period — say so instead of guessing.',
    input: {
      metric: z.enum(METRICS).default('conversion_rate').describe('What "best" means'),
      min_leads: z
        .number()
        .int()
        .min(0)
        .max(1000)
        .default(3)
        .describe('Minimum assigned leads to rank by conversion_rate'),
      kind: AgentKindFilter,
      ...periodShape('last_30_days'),
    },
    output: {
      period: ResolvedPeriodSchema,
      metric: z.enum(METRICS),
      winner: AgentStatsSchema.nullable(),
      value: z.number().nullable(),
      ranking: z.array(z.object({ agent_id: z.string(), name: z.string(), value: z.number() })),
      from_cache: z.boolean(),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const period = resolvePeriod(args, rt.now(), rt.timeZoneOf(ctx.tenantId));
      const { rows, hit } = agentStats(rt, ctx.tenantId, period, args.kind);
      const eligible = rows.filter((r) => {
        if (args.metric === 'conversion_rate') return r.leads_assigned >= Math.max(1, args.min_leads);
        return (
          metricValue(args.metric, r) !== null && (args.metric !== 'response_time' || r.avg_response_seconds !== null)
        );
      });
      const lowerIsBetter = args.metric === 'response_time';
      const ranked = eligible
        .map((r) => ({ r, v: metricValue(args.metric, r) as number }))
        .filter((x) => lowerIsBetter || x.v > 0)
        .sort((a, b) => (lowerIsBetter ? a.v - b.v : b.v - a.v) || a.r.agent_id.localeCompare(b.r.agent_id));
      const best = ranked[0];
      return {
        period,
        metric: args.metric,
        winner: best ? best.r : null,
        value: best ? best.v : null,
        ranking: ranked.slice(0, 5).map((x) => ({ agent_id: x.r.agent_id, name: x.r.name, value: x.v })),
        from_cache: hit,
      };
    },
  });
}

/** The BI server's tools over the local store. */
export function biTools(deps: BiDeps): ToolSpec[] {
  const rt = createBiRuntime(deps);
  return [
    getLeadsCount(rt),
    getAgentConversionStats(rt),
    getTopPerformingAgent(rt),
    analyzeAgentMessagesTool(rt),
    compareAgentsTool(rt),
  ];
}
