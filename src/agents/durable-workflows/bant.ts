import { z } from 'zod';
import type { AgentRunResult } from './workflow-effects.js';

/** The seed's qualification answer: `{"is_qualified": bool, "score": 0-10, "reasoning": "..."}`. */
export const BantResultSchema = z.object({
  is_qualified: z.boolean(),
  score: z.number().min(0).max(10),
  reasoning: z.string().max(4000),
  /** Where the answer came from: the agent's JSON, its qualify_lead/calculate_lead_score call, or neither. */
  source: z.enum(['agent_json', 'lead_score_tool', 'none']).default('agent_json'),
});

export type BantResult = z.infer<typeof BantResultSchema>;

/** A derived score at or above this (of 10) qualifies, like a lead score of 60/100 for a closer. */
export const QUALIFIED_SCORE = 6;

/** The instruction of the day-7 qualification run (the seed's prompt). */
export const BANT_PROMPT = `Analyze this lead and determine qualification.

BANT criteria:
- Budget: can they afford our solution?
- Authority: are they the decision maker?
- Need: do they have a clear pain point?
- Timeline: are they ready to buy soon?

Return JSON only: {"is_qualified": true|false, "score": 0-10, "reasoning": "..."}`;

/**
 * Reads the BANT answer of a qualification run: the JSON object in the response (fenced or not);
 * failing that, the score of a `calculate_lead_score` (0-100) or `qualify_lead` (BANT points 0-40)
 * call of that run; failing that, not qualified with the reason why. Never throws.
 */
export function parseBantResult(result: AgentRunResult): BantResult {
  const fromJson = jsonObjectsIn(result.response)
    .map((candidate) => BantResultSchema.omit({ source: true }).safeParse(candidate))
    .find((parsed) => parsed.success);
  if (fromJson?.success) return { ...fromJson.data, source: 'agent_json' };

  const score = scoreFromToolCalls(result);
  if (score !== undefined) {
    return {
      is_qualified: score >= QUALIFIED_SCORE,
      score,
      reasoning: `derived from the agent's ${score >= QUALIFIED_SCORE ? 'qualifying' : 'non-qualifying'} lead score: ${result.response.slice(0, 300)}`,
      source: 'lead_score_tool',
    };
  }
  return {
    is_qualified: false,
    score: 0,
    reasoning: `the agent gave no BANT assessment: ${result.response.slice(0, 300)}`,
    source: 'none',
  };
}

function scoreFromToolCalls(result: AgentRunResult): number | undefined {
  for (const call of [...(result.tool_calls ?? [])].reverse()) {
    const output = call.output === undefined ? undefined : jsonObjectsIn(call.output)[0];
    if (!output || typeof output !== 'object') continue;
    const record = output as Record<string, unknown>;
    const total =
      (record['score'] as { total_score?: unknown } | null | undefined)?.total_score ?? record['total_score'];
    if (typeof total === 'number') return round1(total / 10);
    if (call.tool_name.endsWith('qualify_lead') && typeof record['bant_points'] === 'number') {
      return round1(record['bant_points'] / 4);
    }
  }
  return undefined;
}

const round1 = (n: number) => Math.min(10, Math.max(0, Math.round(n * 10) / 10));

/** Every balanced `{...}` in `text` that parses as JSON, first to last. */
function jsonObjectsIn(text: string): unknown[] {
  const found: unknown[] = [];
  let attempts = 0;
  for (
    let start = text.indexOf('{');
    start !== -1 && found.length < 5 && attempts++ < 50;
    start = text.indexOf('{', start + 1)
  ) {
    const end = matchingBrace(text, start);
    if (end === -1) continue;
    try {
      found.push(JSON.parse(text.slice(start, end + 1)));
      start = end;
    } catch {
      // not JSON: try the next brace
    }
  }
  return found;
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}
