import { randomUUID } from 'node:crypto';
import { errorMessage, InvalidInputError, logger, PermissionDeniedError } from '../../shared/index.js';
import {
  AGENT_CATEGORY_KEY,
  type AgentCatalog,
  KNOWLEDGE_SCOPE_KEY,
  SENTIMENT_SCORE_KEY,
  SESSION_AUDIENCE_KEY,
} from '../catalog/index.js';
import type { BaseAgent, PreloadedSession, RunOptions, RunRequest } from '../runtime/index.js';
import type { SessionStore } from '../sessions/index.js';
import { type AgentRequest, AgentRequestSchema, type ValidAgentRequest } from './agent-request.js';
import type { ContactDirectory, ContactSummary } from './contact-directory.js';
import { AgentUnavailableError, type CustomAgents } from './custom-agents.js';
import { localeStateDelta, type TenantDirectory } from './customer-locale.js';
import { plainValidRequest } from './plain-request.js';

/** What one request will run: the agent, and the runtime's request with the caller resolved. */
export interface RunPlan {
  agent: BaseAgent;
  request: RunRequest;
  /** Where the message came from (kept with an approval the run may wait for). */
  origin?: Record<string, string>;
}

export interface PlanDeps {
  catalog: AgentCatalog;
  /** Agents the CRM defined (request `agentId`). */
  customAgents?: CustomAgents;
  sessions: SessionStore;
  contacts: ContactDirectory;
  /** Tenants' time zone, currency and locale; default: São Paulo, BRL, pt-BR for all. */
  tenants?: TenantDirectory;
  /**
   * Loads the session as the run will (the Runner's `preloadSession`): the plan reads it and hands it
   * to the run, which then does not load it again. Without it the plan loads the contact and state only.
   */
  preloadSession?: (key: { tenantId: string; sessionId: string }) => Promise<PreloadedSession>;
}

/** Validates an inbound request, once, with the one schema every bridge relies on. */
export function validateRequest(request: AgentRequest): ValidAgentRequest {
  const plain = plainValidRequest(request);
  if (plain) return request.signal ? { ...plain, signal: request.signal } : plain;
  const parsed = AgentRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
    throw new InvalidInputError(`invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
      issues,
    });
  }
  return request.signal ? { ...parsed.data, signal: request.signal } : parsed.data;
}

/**
 * Validate → pick the agent → resolve the caller. The agent is the named one (`auto` is the routed
 * agent of the catalog); a customer may only name a customer-facing one (PermissionDeniedError). The
 * caller is the request's contact, else the session's, else an anonymous one; a customer the CRM has
 * never heard from gets a minimal contact record, so the tools know whom they serve. Their name,
 * channel and context go into the session state the agents read, with the language of the message
 * (kept from the session when the message says too little) and the tenant's time zone and currency.
 */
export async function planRun(raw: AgentRequest, deps: PlanDeps): Promise<RunPlan> {
  const valid = validateRequest(raw);
  const agent = valid.agentId
    ? await customAgentOf(deps, valid.tenantId, valid.agentId, valid.signal)
    : deps.catalog.get(valid.agent); // NotFoundError listing the known agents
  if (valid.audience === 'customer' && !agent.customerFacing) {
    throw new PermissionDeniedError(
      `agent "${valid.agent}" serves the company's staff; a customer's message goes to "auto" or a customer-facing agent`,
      { agent: valid.agent },
    );
  }
  // Concrete ids up front, so a streamed run's result names its session as `execute` does.
  const sessionId = valid.sessionId ?? randomUUID();
  let contactId = valid.contactId;
  // The session's contact and state (its language) are needed here; loaded as the run loads it, the run
  // takes it over instead of loading it again. Without a preloader, a window of 0: no history.
  const preloaded =
    valid.sessionId && deps.preloadSession
      ? await deps.preloadSession({ tenantId: valid.tenantId, sessionId })
      : undefined;
  const previous = preloaded
    ? preloaded.session
    : valid.sessionId
      ? await deps.sessions.load({ tenantId: valid.tenantId, contactId: '', sessionId }, { historyWindow: 0 })
      : undefined;
  if (!contactId) contactId = previous?.contactId;
  const previousState = previous && previous.contactId === contactId ? previous.state : undefined;
  contactId ??= `anonymous-${randomUUID()}`;
  // A scope left by a run that ended mid-delegation must not leak into this one.
  const stateDelta: Record<string, unknown> = {
    [KNOWLEDGE_SCOPE_KEY]: undefined,
    [AGENT_CATEGORY_KEY]: undefined,
    contact_id: contactId,
    // Persisted: at a restart only customer conversations get their idle end back (session-end tracker).
    [SESSION_AUDIENCE_KEY]: valid.audience,
  };
  let contact = await deps.contacts.find(valid.tenantId, contactId, valid.signal);
  if (!contact && valid.audience === 'customer') contact = await createContact(valid, contactId, deps.contacts);
  if (contact?.name) stateDelta['contact_name'] = contact.name;
  if (valid.channelId) stateDelta['channel_id'] = valid.channelId;
  if (valid.context) stateDelta['request_context'] = valid.context;
  const settings = await deps.tenants?.settings(valid.tenantId, valid.signal);
  Object.assign(stateDelta, localeStateDelta(valid.message, previousState, settings));
  const sentiment = sentimentOf(valid.context);
  if (sentiment !== undefined) stateDelta[SENTIMENT_SCORE_KEY] = sentiment;
  const request: RunRequest = {
    message: valid.message,
    tenantId: valid.tenantId,
    contactId,
    sessionId,
    stateDelta,
  };
  request.audience = valid.audience;
  if (valid.timeoutMs) request.timeoutMs = valid.timeoutMs;
  if (valid.options) request.options = withoutUndefined(valid.options);
  if (valid.idempotencyKey) request.idempotencyKey = valid.idempotencyKey;
  if (valid.signal) request.signal = valid.signal;
  if (valid.traceparent) request.traceparent = valid.traceparent;
  if (preloaded) request.preloaded = preloaded;
  return { agent, request, ...(valid.origin ? { origin: valid.origin } : {}) };
}

/** A minimal record for an unknown sender; a backend that cannot create one leaves the run anonymous. */
async function createContact(
  valid: ValidAgentRequest,
  contactId: string,
  contacts: ContactDirectory,
): Promise<ContactSummary | undefined> {
  if (!contacts.create) return undefined;
  const phone = valid.context?.['phone'];
  try {
    return await contacts.create(
      valid.tenantId,
      {
        id: contactId,
        ...(valid.channelId ? { channelId: valid.channelId } : {}),
        ...(phone && /^\+?[\d\s().-]{6,20}$/.test(phone) ? { phone } : {}),
      },
      valid.signal,
    );
  } catch (error) {
    logger.warn({ tenantId: valid.tenantId, err: errorMessage(error) }, 'could not create a contact for a new sender');
    return undefined;
  }
}

/** The run options as the runtime takes them (exactOptionalPropertyTypes: no explicit undefined). */
function withoutUndefined(options: NonNullable<ValidAgentRequest['options']>): RunOptions {
  const out: RunOptions = {};
  if (options.maxTokens !== undefined) out.maxTokens = options.maxTokens;
  if (options.temperature !== undefined) out.temperature = options.temperature;
  if (options.tools !== undefined) out.tools = options.tools;
  return out;
}

function customAgentOf(deps: PlanDeps, tenantId: string, agentId: string, signal?: AbortSignal): Promise<BaseAgent> {
  if (!deps.customAgents) {
    throw new AgentUnavailableError('agent_id names an agent defined in the CRM, which this host cannot load', {
      agent_id: agentId,
    });
  }
  return deps.customAgents.agentFor(tenantId, agentId, signal);
}

/**
 * The CRM's sentiment of this message, when its context carries `sentiment_score` (a number −1..1 as
 * text, as every context value is). Anything else is ignored: the agents then estimate it themselves.
 */
export function sentimentOf(context: Readonly<Record<string, string>> | undefined): number | undefined {
  const raw = context?.['sentiment_score']?.trim();
  if (!raw) return undefined;
  const value = Number(raw.replace('\u2212', '-'));
  return Number.isFinite(value) && value >= -1 && value <= 1 ? value : undefined;
}
