import { z } from 'zod';

export const AgentStatsSchema = z.object({
  agent_id: z.string(),
  name: z.string(),
  kind: z.enum(['human', 'ai']),
  team: z.string(),
  active: z.boolean(),
  leads_assigned: z.number().int(),
  conversions: z.number().int(),
  lost: z.number().int(),
  conversion_rate: z.number().describe('Percent of the leads assigned in the period that were won'),
  revenue: z.number(),
  conversations: z.number().int(),
  messages_sent: z.number().int(),
  avg_response_seconds: z.number().nullable(),
  avg_conversation_sentiment: z.number().nullable(),
});

export const MessageIndicatorsSchema = z.object({
  messages_analyzed: z.number().int(),
  avg_words_per_message: z.number(),
  question_ratio: z.number(),
  exclamation_ratio: z.number(),
  avg_message_sentiment: z.number().nullable(),
  personalization_ratio: z.number(),
});

export const ConvertingWordSchema = z.object({
  word: z.string(),
  lift: z.number(),
  in_converted: z.number().int(),
  in_other: z.number().int(),
});

export const AgentKindFilter = z
  .enum(['human', 'ai', 'all'])
  .default('all')
  .describe('Only human agents, only AI agents, or all (default)');

export const METRICS = ['conversion_rate', 'conversions', 'revenue', 'response_time', 'leads_assigned'] as const;
export type Metric = (typeof METRICS)[number];
