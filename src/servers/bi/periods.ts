import { z } from 'zod';
import {
  DEFAULT_TIME_ZONE,
  knowsTimeZone,
  localMidnight,
  NAMED_PERIODS,
  resolveNamedPeriod,
} from '../../shared/index.js';
import { ToolError } from '../framework/index.js';

export const PERIOD_NAMES = [...NAMED_PERIODS, 'custom'] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];

/** The zod shape every BI tool takes for its time window (flat fields: easier for models than a union). */
export const periodShape = (fallback: PeriodName) => ({
  period: z
    .enum(PERIOD_NAMES)
    .default(fallback)
    .describe(
      'Time window: today, yesterday, this_week (from Monday), last_7_days, this_month, last_month, last_30_days, ' +
        'this_year (from 1 January), or custom (then give from and to). "ontem"/"ayer" is yesterday, "este ano"/"este año" this_year.',
    ),
  from: z
    .string()
    .max(40)
    .optional()
    .describe('Only with period=custom: first day, YYYY-MM-DD (or an ISO-8601 date-time)'),
  to: z
    .string()
    .max(40)
    .optional()
    .describe('Only with period=custom: last day, inclusive, YYYY-MM-DD (or an exclusive ISO-8601 date-time)'),
  timezone: z
    .string()
    .max(60)
    .optional()
    .describe('IANA time zone that defines "today", e.g. America/Sao_Paulo (default: the tenant\'s time zone)'),
});

/** A resolved window: [from, to) as ISO-8601 UTC instants. */
export interface ResolvedPeriod {
  name: PeriodName;
  from: string;
  to: string;
  timezone: string;
}

export const ResolvedPeriodSchema = z.object({
  name: z.enum(PERIOD_NAMES),
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
});

const DAY = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseBound(value: string, field: 'from' | 'to', timeZone: string): Date {
  if (DATE_ONLY.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    const start = localMidnight(y, m - 1, d, timeZone);
    // A date-only `to` is inclusive: the window ends at the next local midnight.
    return field === 'to' ? localMidnight(y, m - 1, d + 1, timeZone) : start;
  }
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) {
    throw new ToolError(`"${field}" must be a date like 2025-01-31 or an ISO-8601 date-time; got "${value}".`);
  }
  return parsed;
}

/**
 * Resolves a named period against `now` in `timeZone` (the call's, else the tenant's). Throws a
 * ToolError the model can act on for a custom period without bounds, reversed bounds or an unknown
 * time zone.
 */
export function resolvePeriod(
  input: { period: PeriodName; from?: string | undefined; to?: string | undefined; timezone?: string | undefined },
  now: Date,
  tenantTimeZone: string = DEFAULT_TIME_ZONE,
): ResolvedPeriod {
  const timeZone = input.timezone ?? tenantTimeZone;
  if (!knowsTimeZone(timeZone)) {
    throw new ToolError(`Unknown time zone "${timeZone}": use an IANA name such as America/Sao_Paulo or UTC.`);
  }
  let from: Date;
  let to: Date;
  if (input.period === 'custom') {
    if (!input.from || !input.to) {
      throw new ToolError('period=custom needs both "from" and "to" (e.g. from: "2025-01-01", to: "2025-01-31").');
    }
    from = parseBound(input.from, 'from', timeZone);
    to = parseBound(input.to, 'to', timeZone);
    if (to.getTime() <= from.getTime()) throw new ToolError('"to" must be after "from".');
    if (to.getTime() - from.getTime() > 3660 * DAY) throw new ToolError('A custom period may span at most 10 years.');
  } else {
    ({ from, to } = resolveNamedPeriod(input.period, now, timeZone));
  }
  return { name: input.period, from: from.toISOString(), to: to.toISOString(), timezone: timeZone };
}
