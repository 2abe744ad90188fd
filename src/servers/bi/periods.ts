import { z } from 'zod';
import { ToolError } from '../framework/index.js';

export const PERIOD_NAMES = [
  'today',
  'yesterday',
  'this_week',
  'last_7_days',
  'this_month',
  'last_30_days',
  'custom',
] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];

/** The zod shape every BI tool takes for its time window (flat fields: easier for models than a union). */
export const periodShape = (fallback: PeriodName) => ({
  period: z
    .enum(PERIOD_NAMES)
    .default(fallback)
    .describe(
      'Time window: today, yesterday, this_week (from Monday), last_7_days, this_month, last_30_days, or custom (then give from and to)',
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
    .describe('IANA time zone that defines "today", e.g. America/Sao_Paulo (default UTC)'),
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

/** Time zones whose formatter is kept: building an Intl.DateTimeFormat costs far more than using one. */
const MAX_FORMATTERS = 64;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The (cached) formatter of `timeZone`; throws a RangeError for an unknown zone, like the constructor. */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value as string);
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC of `timeZone` at `instant` (e.g. -180 for São Paulo). */
function offsetMinutes(instant: Date, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const parts = formatterOf(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant of local midnight of the local calendar day (y, m, d) in `timeZone`. */
function localMidnight(y: number, m: number, d: number, timeZone: string): Date {
  const guess = new Date(Date.UTC(y, m, d));
  return new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60_000);
}

/** The local calendar date (y, m 0-based, d, weekday 0=Sunday) of `instant` in `timeZone`. */
function localDate(instant: Date, timeZone: string): { y: number; m: number; d: number; weekday: number } {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return {
    y: shifted.getUTCFullYear(),
    m: shifted.getUTCMonth(),
    d: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
  };
}

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
 * Resolves a named period against `now` in `timeZone`. Throws a ToolError the model can act on for a
 * custom period without bounds, reversed bounds or an unknown time zone.
 */
export function resolvePeriod(
  input: { period: PeriodName; from?: string | undefined; to?: string | undefined; timezone?: string | undefined },
  now: Date,
): ResolvedPeriod {
  const timeZone = input.timezone ?? 'UTC';
  try {
    formatterOf(timeZone);
  } catch {
    throw new ToolError(`Unknown time zone "${timeZone}": use an IANA name such as America/Sao_Paulo or UTC.`);
  }
  const { y, m, d, weekday } = localDate(now, timeZone);
  const day = (offset: number) => localMidnight(y, m, d + offset, timeZone);
  let from: Date;
  let to: Date;
  switch (input.period) {
    case 'today':
      [from, to] = [day(0), day(1)];
      break;
    case 'yesterday':
      [from, to] = [day(-1), day(0)];
      break;
    case 'this_week':
      [from, to] = [day(-((weekday + 6) % 7)), day(1)];
      break;
    case 'last_7_days':
      [from, to] = [day(-6), day(1)];
      break;
    case 'this_month':
      [from, to] = [localMidnight(y, m, 1, timeZone), day(1)];
      break;
    case 'last_30_days':
      [from, to] = [day(-29), day(1)];
      break;
    case 'custom': {
      if (!input.from || !input.to) {
        throw new ToolError('period=custom needs both "from" and "to" (e.g. from: "2025-01-01", to: "2025-01-31").');
      }
      from = parseBound(input.from, 'from', timeZone);
      to = parseBound(input.to, 'to', timeZone);
      if (to.getTime() <= from.getTime()) throw new ToolError('"to" must be after "from".');
      if (to.getTime() - from.getTime() > 3660 * DAY) throw new ToolError('A custom period may span at most 10 years.');
      break;
    }
  }
  return { name: input.period, from: from.toISOString(), to: to.toISOString(), timezone: timeZone };
}
