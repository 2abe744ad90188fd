import { deadlineSignal } from '../../shared/index.js';
import type { AgentTemplate } from '../catalog/template.js';
import type { Model } from '../model/index.js';
import type { RouteDecision, RouteRequestOptions } from './semantic-router.js';

/** A routing function (the router's `route`, or the app's resilient one). */
export type RouteText = (text: string, options?: RouteRequestOptions) => Promise<RouteDecision>;

export interface TieBreakerOptions {
  /** A real model (Anthropic, Gemini). With the offline model the router's decision stands. */
  model: Model;
  templates: readonly AgentTemplate[];
  /** A decision whose best blended score leads the runner-up by less than this is a close call. */
  margin?: number;
  /** How many of the best candidates the model chooses among. */
  candidates?: number;
  /** The model's whole answer must arrive within this; after it the router's decision stands. */
  timeoutMs?: number;
}

/**
 * On the DEV trust set every wrong route (6 of 250) led its runner-up by under 0.15, and 9 decisions in
 * all did: the model is asked about few messages and sees every miss.
 */
export const DEFAULT_TIE_MARGIN = 0.15;
export const DEFAULT_TIE_CANDIDATES = 3;
export const DEFAULT_TIE_TIMEOUT_MS = 2_500;
/** Messages are cut to this many characters for the model: the gist decides, not an essay. */
const MAX_ASKED_CHARS = 1_500;

/**
 * Lets a configured model decide the router's close calls: when the router abstained, or its best
 * candidate barely leads the next, the model picks one of the top candidates (their ids and
 * descriptions only, for the message's audience) and the decision says so (`decidedBy: 'model'`).
 * It fails open: an offline model, a timeout, an error or an answer naming no candidate leave the
 * router's decision as it was. One short call (≤ 16 output tokens, temperature 0) per close call.
 *
 * @example
 * const route = withLlmTieBreaker((text, o) => router.route(text, o), { model, templates: TEMPLATES });
 */
export function withLlmTieBreaker(route: RouteText, options: TieBreakerOptions): RouteText {
  if (options.model.provider === 'offline') return route;
  const byId = new Map(options.templates.map((t) => [t.template_id, t]));
  const margin = options.margin ?? DEFAULT_TIE_MARGIN;
  const size = options.candidates ?? DEFAULT_TIE_CANDIDATES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIE_TIMEOUT_MS;
  return async (text, routeOptions = {}) => {
    const decision = await route(text, routeOptions);
    const candidates = decision.scores
      .map((s) => byId.get(s.templateId))
      .filter((t): t is AgentTemplate => t !== undefined)
      .filter((t) => routeOptions.audience !== 'customer' || t.customer_facing)
      .slice(0, size);
    if (candidates.length < 2 || !isCloseCall(decision, margin)) return decision;
    const chosen = await askModel(options.model, text, candidates, timeoutMs, routeOptions.signal);
    if (!chosen) return decision;
    const score = decision.scores.find((s) => s.templateId === chosen.template_id)?.score ?? 0;
    return {
      templateId: chosen.template_id,
      category: chosen.category,
      confidence: Math.max(score, decision.fallback ? 0 : decision.confidence),
      fallback: false,
      scores: decision.scores,
      decidedBy: 'model',
    };
  };
}

/** The router abstained with candidates in hand, or its best barely leads the runner-up. */
function isCloseCall(decision: RouteDecision, margin: number): boolean {
  const [best, second] = decision.scores;
  if (!best || !second) return false;
  return decision.fallback || best.score - second.score < margin;
}

async function askModel(
  model: Model,
  text: string,
  candidates: readonly AgentTemplate[],
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<AgentTemplate | undefined> {
  const list = candidates.map((t) => `- ${t.template_id}: ${t.description}`).join('\n');
  const system =
    'You route one message to the agent that should answer it. Choose exactly one of these agents:\n' +
    `${list}\n` +
    'Rules: any way of saying the customer is leaving (price complaints, competitors, sarcasm, formal ' +
    'termination, not renewing) is retention_churn; opt-outs and message preferences are ' +
    'marketing_campaign; a customer billing question is support_billing; follow what is really asked, ' +
    'not what is denied. Answer with the agent id only.';
  try {
    const response = await model.generate({
      system,
      messages: [{ role: 'user', content: [{ type: 'text', text: text.slice(0, MAX_ASKED_CHARS) }] }],
      tools: [],
      temperature: 0,
      maxTokens: 16,
      signal: deadlineSignal(timeoutMs, signal),
      deadline: Date.now() + timeoutMs,
    });
    const answer = response.content
      .map((part) => (part.type === 'text' ? part.text : ''))
      .join(' ')
      .toLowerCase();
    const tokens = new Set(answer.match(/[a-z_]+/g) ?? []);
    return candidates.find((t) => tokens.has(t.template_id));
  } catch {
    // Fail open: the router's decision stands (the coordinator still takes an abstention).
    return undefined;
  }
}
