import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { InvalidInputError } from '../../shared/index.js';

/** One tenant's limits; a limit left out is not enforced. */
export const LimitsSchema = z
  .object({
    /** Runs (inbound messages) per rolling minute. */
    requests_per_minute: z.number().int().positive().optional(),
    /** Model tokens (input + output) per UTC day. */
    tokens_per_day: z.number().int().positive().optional(),
    /** Estimated model cost in US dollars per UTC day (the price table of `model-prices.ts`). */
    cost_usd_per_day: z.number().positive().optional(),
  })
  .strict();
export type Limits = z.infer<typeof LimitsSchema>;

/**
 * `VENTROS_TENANT_LIMITS`: limits per tenant, and a default for tenants not listed.
 *
 * @example
 * { "default": { "requests_per_minute": 60, "tokens_per_day": 2000000, "cost_usd_per_day": 20 },
 *   "tenants": { "tenant-acme": { "requests_per_minute": 600, "cost_usd_per_day": 200 } } }
 */
export const TenantLimitsSchema = z
  .object({
    default: LimitsSchema.optional(),
    tenants: z.record(z.string().min(1), LimitsSchema).default({}),
  })
  .strict();
export type TenantLimits = z.infer<typeof TenantLimitsSchema>;

/** The limits that apply to `tenantId`: its own entry, else the default (none when neither). */
export function limitsOf(config: TenantLimits, tenantId: string): Limits {
  return config.tenants[tenantId] ?? config.default ?? {};
}

/**
 * Reads `VENTROS_TENANT_LIMITS`: inline JSON (starts with `{`) or the path of a JSON file. Unset → no
 * limits (undefined). A malformed value fails at start with `InvalidInputError`, never silently.
 */
export function loadTenantLimits(value: string | undefined): TenantLimits | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let raw: unknown;
  try {
    if (text.startsWith('{')) raw = JSON.parse(text);
    else if (existsSync(text)) raw = JSON.parse(readFileSync(text, 'utf8'));
    else throw new Error(`no such file: ${text}`);
  } catch (error) {
    throw new InvalidInputError(`VENTROS_TENANT_LIMITS: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = TenantLimitsSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(`VENTROS_TENANT_LIMITS: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
