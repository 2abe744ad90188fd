import { DEFAULT_CURRENCY, DEFAULT_TIME_ZONE, isTimeZone } from '../../shared/index.js';
import { ToolError } from '../framework/index.js';
import type { CrmStore } from '../store/index.js';
import type { AgentInfoRow, AgentStatsRow } from '../store/repositories/crm/index.js';
import { QueryCache } from './query-cache.js';

/** What the BI tools need: the store, a cache, and a clock (tests pin `now`). */
export interface BiDeps {
  /** `tenants` gives each tenant's own time zone; without it every tenant uses `defaultTimeZone`. */
  store: Pick<CrmStore, 'crm'> & Partial<Pick<CrmStore, 'tenants'>>;
  cache?: QueryCache;
  now?: () => Date;
  /** The time zone of tenants without one (`VENTROS_TIME_ZONE`; default America/Sao_Paulo). */
  defaultTimeZone?: string;
  /** Zones configured per tenant (`VENTROS_TENANT_TIME_ZONES`); they win over the store's. */
  tenantTimeZones?: Readonly<Record<string, string>>;
}

/** Resolved deps with defaults filled in. */
export interface BiRuntime {
  store: Pick<CrmStore, 'crm'>;
  cache: QueryCache;
  now: () => Date;
  /** The tenant's time zone: the calendar "today", "ontem" and "este mês" are counted in. */
  timeZoneOf(tenantId: string): string;
  /** The tenant's ISO-4217 currency (BRL when it has none): the money in the tools' sentences. */
  currencyOf(tenantId: string): string;
  /** Runs `compute` through the cache under tenant + data stamp + query key. */
  cached<T>(tenantId: string, key: string, compute: () => T): { value: T; hit: boolean };
}

export function createBiRuntime(deps: BiDeps): BiRuntime {
  const cache = deps.cache ?? new QueryCache();
  return {
    store: deps.store,
    cache,
    now: deps.now ?? (() => new Date()),
    timeZoneOf(tenantId) {
      const own = deps.tenantTimeZones?.[tenantId] ?? deps.store.tenants?.get(tenantId)?.time_zone;
      return own && isTimeZone(own) ? own : (deps.defaultTimeZone ?? DEFAULT_TIME_ZONE);
    },
    currencyOf(tenantId) {
      const own = deps.store.tenants?.get(tenantId)?.currency;
      return own && /^[A-Z]{3}$/.test(own) ? own : DEFAULT_CURRENCY;
    },
    cached(tenantId, key, compute) {
      const stamp = deps.store.crm.generations.stamp(tenantId);
      return cache.getOrCompute(`${tenantId}\u0000${stamp}\u0000${key}`, compute);
    },
  };
}

/**
 * The one agent `query` (id or name) names in this tenant. Unknown or ambiguous names are a
 * ToolError listing the agents, so the model can retry with an exact id.
 */
export function resolveAgent(rt: BiRuntime, tenantId: string, query: string): AgentInfoRow {
  const matches = rt.store.crm.bi.findAgents(tenantId, query);
  if (matches.length === 1 || (matches.length > 1 && matches[0]?.id === query)) return matches[0] as AgentInfoRow;
  const list = (rows: AgentInfoRow[]) => rows.map((a) => `${a.name} (${a.id})`).join(', ');
  if (matches.length === 0) {
    const all = rt.store.crm.bi.agents(tenantId);
    throw new ToolError(
      all.length
        ? `No agent matches "${query}". Agents: ${list(all)}.`
        : `No agent matches "${query}": this tenant has no agents.`,
    );
  }
  throw new ToolError(`"${query}" matches several agents: ${list(matches)}. Use the agent id.`);
}

/** An agent's stats as the tools return them (rates in percent, times rounded). */
export function publicStats(row: AgentStatsRow) {
  return {
    agent_id: row.id,
    name: row.name,
    kind: row.kind,
    team: row.team,
    active: row.active,
    leads_assigned: row.leads_assigned,
    conversions: row.conversions,
    lost: row.lost,
    conversion_rate: Math.round(row.conversion_rate * 1000) / 10,
    revenue: Math.round(row.revenue * 100) / 100,
    conversations: row.conversations,
    messages_sent: row.messages_sent,
    avg_response_seconds: row.avg_response_seconds === null ? null : Math.round(row.avg_response_seconds),
    avg_conversation_sentiment:
      row.avg_conversation_sentiment === null ? null : Math.round(row.avg_conversation_sentiment * 100) / 100,
  };
}
export type PublicAgentStats = ReturnType<typeof publicStats>;
