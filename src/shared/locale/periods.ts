import type { Language } from './language.js';

/** The named time windows a question can ask about ("hoje", "ontem", "este mês", "este ano"...). */
export const NAMED_PERIODS = [
  'today',
  'yesterday',
  'this_week',
  'last_7_days',
  'this_month',
  'last_month',
  'last_30_days',
  'this_year',
] as const;
export type NamedPeriod = (typeof NAMED_PERIODS)[number];

/** A calendar day in some time zone (month 0-based, weekday 0 = Sunday). */
export interface LocalDay {
  y: number;
  m: number;
  d: number;
  weekday: number;
}

const MAX_FORMATTERS = 64;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The (cached) numeric formatter of `timeZone`; throws a RangeError for an unknown zone. */
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

/**
 * Minutes east of UTC of `timeZone` at `instant` (−180 for São Paulo), as Intl reports the zone's wall
 * clock: the offset comes from the runtime's time-zone database, not from a table of ours.
 */
export function offsetMinutes(instant: Date, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const time = instant.getTime();
  // Offsets change only at a zone's transitions, which since 1972 fall on whole UTC minutes (offsets
  // are whole minutes since then): one minute of one zone has one offset, so it is asked of Intl once.
  if (!(time >= CACHE_OFFSETS_FROM)) return intlOffsetMinutes(instant, timeZone);
  const key = `${timeZone}\u0000${Math.floor(time / 60_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = intlOffsetMinutes(instant, timeZone);
    if (offsets.size >= MAX_OFFSETS) offsets.delete(offsets.keys().next().value as string);
    offsets.set(key, offset);
  }
  return offset;
}

/** Instants from here on get their offset from the minute cache (see offsetMinutes). */
const CACHE_OFFSETS_FROM = Date.UTC(1980, 0, 1);
const MAX_OFFSETS = 512;
/** `${zone}\0${UTC minute}` → offset, oldest first. */
const offsets = new Map<string, number>();

/** The offset as Intl reports it (formatToParts: the costly part, hence the cache above). */
function intlOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = formatterOf(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant of local midnight starting the local day (y, m 0-based, d — may overflow) in `timeZone`. */
export function localMidnight(y: number, m: number, d: number, timeZone: string): Date {
  const guess = new Date(Date.UTC(y, m, d));
  // Twice: the offset at the guess may differ from the offset at the true midnight across a DST change.
  const first = new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60_000);
  return new Date(guess.getTime() - offsetMinutes(first, timeZone) * 60_000);
}

/** The calendar day `instant` falls on in `timeZone`. */
export function localDay(instant: Date, timeZone: string): LocalDay {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return {
    y: shifted.getUTCFullYear(),
    m: shifted.getUTCMonth(),
    d: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
  };
}

/** Whether Intl knows `timeZone`. */
export function knowsTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The window [from, to) of a named period at `now`, in the calendar of `timeZone`: "today" is the
 * tenant's local day, not UTC's; "this_year" runs from the local 1 January; windows that include
 * today end at the next local midnight. Throws a RangeError for an unknown time zone.
 *
 * @example
 * resolveNamedPeriod('yesterday', new Date('2026-12-04T01:30:00Z'), 'America/Sao_Paulo')
 * // { from: 2026-12-02T03:00:00Z, to: 2026-12-03T03:00:00Z } — 22:30 of the 3rd in São Paulo
 */
export function resolveNamedPeriod(name: NamedPeriod, now: Date, timeZone: string): { from: Date; to: Date } {
  formatterOf(timeZone);
  const { y, m, d, weekday } = localDay(now, timeZone);
  const day = (offset: number) => localMidnight(y, m, d + offset, timeZone);
  switch (name) {
    case 'today':
      return { from: day(0), to: day(1) };
    case 'yesterday':
      return { from: day(-1), to: day(0) };
    case 'this_week':
      return { from: day(-((weekday + 6) % 7)), to: day(1) };
    case 'last_7_days':
      return { from: day(-6), to: day(1) };
    case 'this_month':
      return { from: localMidnight(y, m, 1, timeZone), to: day(1) };
    case 'last_month':
      return { from: localMidnight(y, m - 1, 1, timeZone), to: localMidnight(y, m, 1, timeZone) };
    case 'last_30_days':
      return { from: day(-29), to: day(1) };
    case 'this_year':
      return { from: localMidnight(y, 0, 1, timeZone), to: day(1) };
  }
}

const LABELS: Readonly<Record<Language, Readonly<Record<NamedPeriod, string>>>> = {
  pt: {
    today: 'hoje',
    yesterday: 'ontem',
    this_week: 'nesta semana',
    last_7_days: 'nos últimos 7 dias',
    this_month: 'neste mês',
    last_month: 'no mês passado',
    last_30_days: 'nos últimos 30 dias',
    this_year: 'neste ano',
  },
  en: {
    today: 'today',
    yesterday: 'yesterday',
    this_week: 'this week',
    last_7_days: 'in the last 7 days',
    this_month: 'this month',
    last_month: 'last month',
    last_30_days: 'in the last 30 days',
    this_year: 'this year',
  },
  es: {
    today: 'hoy',
    yesterday: 'ayer',
    this_week: 'esta semana',
    last_7_days: 'en los últimos 7 días',
    this_month: 'este mes',
    last_month: 'el mes pasado',
    last_30_days: 'en los últimos 30 días',
    this_year: 'este año',
  },
};

/** "ontem", "yesterday", "ayer": how a period reads in a sentence; an unknown name as it came. */
export function periodLabel(name: string, language: Language): string {
  return (LABELS[language] as Record<string, string>)[name] ?? name;
}

// Normalized text (lower case, no accents: "este año" → "este ano", "mês" → "mes").
const READERS: ReadonlyArray<[NamedPeriod, RegExp]> = [
  ['yesterday', / (?:ontem|yesterday|ayer) /],
  ['today', / (?:hoje|hj|today|hoy) /],
  ['last_7_days', / (?:ultimos|last|past) (?:7|sete|seven|siete) (?:dias|days) /],
  ['last_30_days', / (?:ultimos|last|past) (?:30|trinta|thirty|treinta) (?:dias|days) /],
  ['last_month', / (?:mes passado|ultimo mes|mes anterior|last month|previous month|mes pasado) /],
  [
    'this_year',
    / (?:(?:esse|este|neste|nesse|deste|desse|do|no|this|en el|del) (?:ano|year)|ano todo|year to date|ytd) /,
  ],
  ['this_week', / (?:(?:essa|esta|nessa|nesta|da|this) (?:semana|week)|semana) /],
  ['this_month', / (?:(?:esse|este|nesse|neste|do|this|en el|del) (?:mes|month)|mes) /],
];

/**
 * The period a question names, in any of the three languages ("ontem", "este ano", "yesterday",
 * "this month", "hoy", "el mes pasado"), or undefined when it names none. Expects normalized text.
 */
export function readNamedPeriod(normalized: string): NamedPeriod | undefined {
  const text = ` ${normalized} `;
  for (const [name, pattern] of READERS) if (pattern.test(text)) return name;
  return undefined;
}
