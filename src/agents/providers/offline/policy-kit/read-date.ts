import { formatDate, LOCALE_OF, localDay, localMidnight, normalizeText } from '../../../../shared/index.js';
import { answerLocale } from './answer-locale.js';

/** When the customer wants something: days from today and, if given, the hour/minute (the tenant's local time). */
export interface WhenSpec {
  dueInDays: number;
  hour?: number;
  minute?: number;
  /** How the customer said it, normalized: "quinta", "amanha", "dia 12", "semana que vem". */
  said: string;
}

const WEEKDAYS: Array<[number, string[]]> = [
  [0, ['domingo', 'sunday']],
  [1, ['segunda', 'segunda feira', 'monday']],
  [2, ['terca', 'terca feira', 'tuesday']],
  [3, ['quarta', 'quarta feira', 'wednesday']],
  [4, ['quinta', 'quinta feira', 'thursday']],
  [5, ['sexta', 'sexta feira', 'friday']],
  [6, ['sabado', 'saturday']],
];

/**
 * Today in the tenant's time zone, as the UTC midnight of that calendar day (so `getUTC*` read the
 * local year, month, day and weekday).
 */
function localToday(now: Date): Date {
  const { y, m, d } = localDay(now, answerLocale().timeZone);
  return new Date(Date.UTC(y, m, d));
}

/**
 * Reads a day ("hoje", "amanha", "depois de amanha", weekday names, "dia 12", "12/03", "semana que
 * vem", "mes que vem", "daqui 15 dias", English equivalents) and a time ("15h", "15:30", "as 9",
 * "3pm") from the message. `undefined` when it names no day and no time.
 */
export function readWhen(message: string, now: Date = new Date()): WhenSpec | undefined {
  const text = ` ${normalizeText(message.replace(/(\d)\/(\d)/g, '$1 barra $2').replace(/(\d):(\d\d)/g, '$1h$2'))} `;
  const today = localToday(now);
  let dueInDays: number | undefined;
  let said = '';

  const inDays = / (?:daqui|em|in) (\d{1,3}) (?:dias|days)\b/.exec(text);
  const dayMonth = / (\d{1,2}) barra (\d{1,2}) /.exec(text);
  const dayOnly = / dia (\d{1,2}) /.exec(text);
  if (inDays) {
    dueInDays = Number(inDays[1]);
    said = `daqui ${inDays[1]} dias`;
  } else if (/ depois de amanha /.test(text)) {
    dueInDays = 2;
    said = 'depois de amanhã';
  } else if (/ (?:amanha|tomorrow) /.test(text)) {
    dueInDays = 1;
    said = 'amanhã';
  } else if (/ (?:hoje|today|tonight|hj) /.test(text)) {
    dueInDays = 0;
    said = 'hoje';
  } else if (dayMonth) {
    const target = new Date(Date.UTC(today.getUTCFullYear(), Number(dayMonth[2]) - 1, Number(dayMonth[1])));
    if (target.getTime() < Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) {
      target.setUTCFullYear(target.getUTCFullYear() + 1);
    }
    dueInDays = Math.round(
      (target.getTime() - Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) / 86_400_000,
    );
    said = `${dayMonth[1]}/${dayMonth[2]}`;
  } else if (dayOnly) {
    const day = Number(dayOnly[1]);
    const month = day >= today.getUTCDate() ? today.getUTCMonth() : today.getUTCMonth() + 1;
    const target = Date.UTC(today.getUTCFullYear(), month, day);
    dueInDays = Math.round(
      (target - Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) / 86_400_000,
    );
    said = `dia ${day}`;
  } else {
    for (const [weekday, names] of WEEKDAYS) {
      const name = names.find((n) => text.includes(` ${n} `));
      if (!name) continue;
      const diff = (weekday - today.getUTCDay() + 7) % 7;
      dueInDays = diff === 0 ? 7 : diff;
      said = name;
      break;
    }
    if (dueInDays === undefined && / (?:semana que vem|proxima semana|next week) /.test(text)) {
      dueInDays = 7;
      said = 'semana que vem';
    } else if (dueInDays === undefined && / (?:mes que vem|proximo mes|next month) /.test(text)) {
      dueInDays = 30;
      said = 'mês que vem';
    }
  }

  let hour: number | undefined;
  let minute: number | undefined;
  const hm = / (\d{1,2}) ?h(\d{2})? /.exec(text);
  const ampm = / (\d{1,2}) ?(pm|am) /.exec(text);
  const bare = / (?:as|at) (\d{1,2}) /.exec(text);
  if (hm) {
    hour = Number(hm[1]);
    if (hm[2]) minute = Number(hm[2]);
  } else if (ampm) {
    hour = (Number(ampm[1]) % 12) + (ampm[2] === 'pm' ? 12 : 0);
  } else if (bare) {
    hour = Number(bare[1]);
    // "as 3" in a business context means 15h.
    if (hour >= 1 && hour <= 6) hour += 12;
  }
  if (hour !== undefined && (hour > 23 || (minute !== undefined && minute > 59))) {
    hour = undefined;
    minute = undefined;
  }
  if (hour === undefined && / (?:de manha|da manha|morning) /.test(text)) hour = 9;
  if (hour === undefined && / (?:a tarde|de tarde|da tarde|afternoon) /.test(text)) hour = 14;
  if (dueInDays === undefined && hour === undefined) return undefined;
  return {
    dueInDays: dueInDays ?? 0,
    ...(hour !== undefined ? { hour } : {}),
    ...(minute !== undefined ? { minute } : {}),
    said: said || 'hoje',
  };
}

/** The ISO-8601 instant of a WhenSpec with an hour (the tenant's local time), or undefined without one. */
export function whenToIso(when: WhenSpec, now: Date = new Date()): string | undefined {
  if (when.hour === undefined) return undefined;
  const { timeZone } = answerLocale();
  const { y, m, d } = localDay(now, timeZone);
  const midnight = localMidnight(y, m, d + when.dueInDays, timeZone);
  return new Date(midnight.getTime() + (when.hour * 60 + (when.minute ?? 0)) * 60_000).toISOString();
}

/**
 * A date for the customer, in the session's language and the tenant's time zone: "qui, 12/03 às
 * 15:00", "Thu, Mar 12 at 3:00 PM", "jue, 12/03 a las 15:00". The raw text if it does not parse.
 */
export function formatBrt(iso: string, withTime = true): string {
  const { language, timeZone } = answerLocale();
  return formatDate(iso, language, { timeZone, withTime });
}

/** The tenant's time zone as the session's language names it: "Horário Padrão de Brasília", "Eastern Standard Time". */
export function zoneName(iso: string): string {
  const { language, timeZone } = answerLocale();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return timeZone;
  const parts = new Intl.DateTimeFormat(LOCALE_OF[language], { timeZone, timeZoneName: 'long' }).formatToParts(date);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}
