import type { Audience } from '../../shared/index.js';
import type { AgentEvent, RouteEvent } from '../events.js';
import type { RouteDecision } from '../router/index.js';
import { type ActiveContext, type AgentOutcome, BaseAgent, eventBase } from '../runtime/index.js';
import { CONVERSATION_AGENT_KEY, ROUTE_HINT_KEY } from './session-keys.js';

/** The id callers use for the routed agent (`ventros run auto "…"`, `POST /api/agents/message`). */
export const ROUTED_AGENT_ID = 'auto';

/** Session-state key (not persisted: `temp:`) of this run's routing decision, for the execution result. */
export const ROUTE_DECISION_KEY = 'temp:route_decision';

/** The routing decision a run made, as the execution result reports it. */
export interface RouteOutcome {
  templateId: string;
  category: string;
  confidence: number;
  fallback: boolean;
}

/** Records the router's decision for this run: its pick as the hint policies follow, and the outcome. */
export function recordRoute(state: Record<string, unknown>, decision: RouteDecision): void {
  state[ROUTE_HINT_KEY] = decision.templateId;
  const outcome: RouteOutcome = {
    templateId: decision.templateId,
    category: decision.category,
    confidence: decision.confidence,
    fallback: decision.fallback,
  };
  state[ROUTE_DECISION_KEY] = outcome;
}

/** The routing decision recorded in a run's final state, if the run was routed. */
export function routeOutcomeOf(state: Readonly<Record<string, unknown>>): RouteOutcome | undefined {
  const value = state[ROUTE_DECISION_KEY];
  return value && typeof value === 'object' ? (value as RouteOutcome) : undefined;
}

/** How a message is routed: the run's signal and audience (`customer` routes among customer-facing templates). */
export interface RouteOptions {
  signal?: AbortSignal;
  audience?: Audience;
}

/** The semantic router as the catalog calls it. */
export type RouteFn = (text: string, options?: RouteOptions) => Promise<RouteDecision>;

/** What the catalog knows of a template, for a customer run's routing. */
export type TemplateFacts = (templateId: string) => { customer_facing: boolean; category: string } | undefined;

/**
 * Routes a run's message for its audience. A customer run only follows customer-facing templates: the
 * router is asked for those, and should it still name an internal one, the best customer-facing
 * template it scored takes its place (else the decision falls back to the coordinator).
 */
export async function routeForRun(
  route: RouteFn,
  ctx: Pick<ActiveContext, 'userMessage' | 'signal' | 'trusted'>,
  template: TemplateFacts,
): Promise<RouteDecision> {
  const audience = ctx.trusted.audience ?? 'staff';
  const decision = await route(ctx.userMessage, { signal: ctx.signal, audience });
  if (audience !== 'customer') return decision;
  const allowed = (id: string) => template(id)?.customer_facing === true;
  const scores = decision.scores.filter((s) => allowed(s.templateId));
  if (allowed(decision.templateId)) return { ...decision, scores };
  const best = scores[0];
  const facts = best ? template(best.templateId) : undefined;
  if (!best || !facts) return { ...decision, scores, fallback: true };
  return { ...decision, templateId: best.templateId, category: facts.category as RouteDecision['category'], scores };
}

export interface RoutedAgentOptions {
  /** The semantic router. */
  route: RouteFn;
  /** A template's audience and category, to keep customer runs on customer-facing templates. */
  template: TemplateFacts;
  /** The agent of a routed template; undefined when the catalog has none (then the coordinator answers). */
  specialist: (templateId: string) => BaseAgent | undefined;
  /** Answers when the router is unsure (and delegates by its own judgement). */
  coordinator: BaseAgent;
  /** Every agent it may run, so the runtime can tell which one answered. */
  candidates: readonly BaseAgent[];
}

/**
 * `auto`: routes each message with the semantic router, then runs the chosen specialist — or the
 * coordinator when the router is unsure, whose judgement is then worth a model call. A confident route
 * goes straight to the specialist: the same answer as through the coordinator, one model call less
 * (ADK's routed agent). Its first event is a `route` event with the decision and the runner-up.
 */
export class RoutedAgent extends BaseAgent {
  readonly #options: RoutedAgentOptions;

  constructor(options: RoutedAgentOptions) {
    super({
      name: ROUTED_AGENT_ID,
      description: 'Routes each message to the specialist the semantic router picks (the coordinator when unsure).',
      subAgents: [...options.candidates],
      customerFacing: true,
    });
    this.#options = options;
  }

  protected async *runImpl(ctx: ActiveContext): AsyncGenerator<AgentEvent, AgentOutcome, undefined> {
    const decision = continuedConversation(
      await routeForRun(this.#options.route, ctx, this.#options.template),
      ctx,
      this.#options.template,
    );
    if (!decision.fallback) ctx.session.state[CONVERSATION_AGENT_KEY] = decision.templateId;
    const specialist = decision.fallback ? undefined : this.#options.specialist(decision.templateId);
    const target = specialist ?? this.#options.coordinator;
    // Offline policies of routing agents (the coordinator, handoff workflows) follow the router's pick.
    recordRoute(ctx.session.state, decision);
    yield routeEvent(ctx, this.name, decision, target.name);
    // The target is the root of what follows: its handoffs resolve in its own tree, as when run by name.
    const final = yield* this.runChild(target, { ...ctx, root: target });
    return { text: final.text, usage: final.usage };
  }
}

/** At most this many words makes a message a follow-up that may lean on the conversation's agent. */
const FOLLOW_UP_MAX_WORDS = 6;

/**
 * An abstention on a short follow-up keeps the conversation with the specialist that answered it before
 * (when the audience may still reach it): "e ontem?" after a BI question is a BI question, though alone it
 * says nothing. Longer messages the router cannot place still go to the coordinator.
 */
function continuedConversation(
  decision: RouteDecision,
  ctx: Pick<ActiveContext, 'userMessage' | 'session' | 'trusted'>,
  template: TemplateFacts,
): RouteDecision {
  if (!decision.fallback) return decision;
  const previous = ctx.session.state[CONVERSATION_AGENT_KEY];
  if (typeof previous !== 'string') return decision;
  if (ctx.userMessage.trim().split(/\s+/).length > FOLLOW_UP_MAX_WORDS) return decision;
  const facts = template(previous);
  if (!facts) return decision;
  if ((ctx.trusted.audience ?? 'staff') === 'customer' && !facts.customer_facing) return decision;
  return { ...decision, templateId: previous, category: facts.category as RouteDecision['category'], fallback: false };
}

function routeEvent(ctx: ActiveContext, agent: string, decision: RouteDecision, target: string): RouteEvent {
  const event: RouteEvent = {
    type: 'route',
    ...eventBase(ctx, agent),
    templateId: decision.templateId,
    category: decision.category,
    confidence: decision.confidence,
    fallback: decision.fallback,
    target,
  };
  const runnerUp = decision.scores.find((s) => s.templateId !== decision.templateId);
  if (runnerUp) event.runnerUp = { templateId: runnerUp.templateId, score: runnerUp.score };
  return event;
}
