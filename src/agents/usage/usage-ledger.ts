import { RateLimitedError } from '../../shared/index.js';
import type { RunGuard } from '../runtime/run-guard.js';
import type { ObservedModelCall, RunObserver } from '../runtime/run-observer.js';
import { estimateCostUsd } from './model-prices.js';
import { type Limits, limitsOf, type TenantLimits } from './tenant-limits.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** One tenant's usage as `ventros usage` and `GET /api/usage` show it. */
export interface TenantUsage {
  tenant_id: string;
  /** UTC day the daily counters are for (YYYY-MM-DD). */
  day: string;
  requests_last_minute: number;
  requests_today: number;
  tokens_today: number;
  cost_usd_today: number;
  refused_today: number;
  limits: Limits;
}

interface Counters {
  day: number;
  /** Start times of the runs of the last minute, oldest first (bounded by the limit it enforces). */
  minute: number[];
  requests: number;
  tokens: number;
  cost: number;
  refused: number;
}

/**
 * Counts each tenant's runs, model tokens and estimated cost, and enforces its limits: a run over its
 * requests per minute, or any model call once the day's tokens or cost are spent, is refused with
 * `RateLimitedError` (retry after the minute frees a slot, or at the next UTC midnight). A `RunObserver`
 * (it counts model calls) and a `RunGuard` (it refuses), given to the `Runner`.
 *
 * Counters live in this process: several instances each enforce their own (a tenant can reach the limit
 * once per instance); a shared store would be the next step.
 */
export class UsageLedger implements RunObserver, RunGuard {
  private readonly tenants = new Map<string, Counters>();
  private readonly config: TenantLimits;
  private readonly now: () => number;
  /** Told of every refusal (metrics). */
  onRefused: ((tenantId: string, limit: string) => void) | undefined;

  constructor(config: TenantLimits = { tenants: {} }, options: { now?: () => number } = {}) {
    this.config = config;
    this.now = options.now ?? Date.now;
  }

  admitRun(tenantId: string): void {
    const now = this.now();
    const counters = this.counters(tenantId, now);
    const limits = limitsOf(this.config, tenantId);
    this.checkDaily(tenantId, counters, limits, now);
    const rpm = limits.requests_per_minute;
    while (counters.minute.length > 0 && (counters.minute[0] ?? 0) <= now - MINUTE_MS) counters.minute.shift();
    if (rpm !== undefined && counters.minute.length >= rpm) {
      const retryAfterMs = (counters.minute[0] ?? now) + MINUTE_MS - now;
      this.refuse(tenantId, counters, 'requests_per_minute');
      throw new RateLimitedError(`tenant "${tenantId}" is over its limit of ${rpm} requests per minute`, retryAfterMs, {
        tenant_id: tenantId,
        limit: 'requests_per_minute',
      });
    }
    counters.minute.push(now);
    // Without a per-minute limit the window only feeds `requests_last_minute`: keep it bounded.
    if (counters.minute.length > 10_000) counters.minute.shift();
    counters.requests++;
  }

  admitModelCall(call: { tenantId: string }): void {
    const now = this.now();
    this.checkDaily(call.tenantId, this.counters(call.tenantId, now), limitsOf(this.config, call.tenantId), now);
  }

  modelCalled(call: ObservedModelCall): void {
    const counters = this.counters(call.tenantId, this.now());
    counters.tokens += call.usage.inputTokens + call.usage.outputTokens;
    counters.cost += estimateCostUsd(call.modelId, call.usage);
  }

  /** Usage of one tenant, or of every tenant seen today. */
  usage(tenantId?: string): TenantUsage[] {
    const now = this.now();
    const ids = tenantId === undefined ? [...this.tenants.keys()].sort() : [tenantId];
    return ids.map((id) => {
      const c = this.counters(id, now);
      return {
        tenant_id: id,
        day: new Date(c.day).toISOString().slice(0, 10),
        requests_last_minute: c.minute.filter((t) => t > now - MINUTE_MS).length,
        requests_today: c.requests,
        tokens_today: c.tokens,
        cost_usd_today: Math.round(c.cost * 1e6) / 1e6,
        refused_today: c.refused,
        limits: limitsOf(this.config, id),
      };
    });
  }

  private checkDaily(tenantId: string, counters: Counters, limits: Limits, now: number): void {
    const untilMidnight = counters.day + DAY_MS - now;
    if (limits.tokens_per_day !== undefined && counters.tokens >= limits.tokens_per_day) {
      this.refuse(tenantId, counters, 'tokens_per_day');
      throw new RateLimitedError(
        `tenant "${tenantId}" used its ${limits.tokens_per_day} model tokens for today`,
        untilMidnight,
        { tenant_id: tenantId, limit: 'tokens_per_day' },
      );
    }
    if (limits.cost_usd_per_day !== undefined && counters.cost >= limits.cost_usd_per_day) {
      this.refuse(tenantId, counters, 'cost_usd_per_day');
      throw new RateLimitedError(
        `tenant "${tenantId}" spent its estimated US$ ${limits.cost_usd_per_day} of model calls for today`,
        untilMidnight,
        { tenant_id: tenantId, limit: 'cost_usd_per_day' },
      );
    }
  }

  private refuse(tenantId: string, counters: Counters, limit: string): void {
    counters.refused++;
    this.onRefused?.(tenantId, limit);
  }

  private counters(tenantId: string, now: number): Counters {
    const day = now - (now % DAY_MS);
    let counters = this.tenants.get(tenantId);
    if (counters === undefined || counters.day !== day) {
      counters = { day, minute: counters?.minute ?? [], requests: 0, tokens: 0, cost: 0, refused: 0 };
      this.tenants.set(tenantId, counters);
    }
    return counters;
  }
}
