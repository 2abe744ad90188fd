import { type Language, LOCALE_OF } from './language.js';
import { DEFAULT_CURRENCY, DEFAULT_TIME_ZONE } from './tenant-settings.js';

/**
 * Numbers, money and dates in the customer's language, with Intl: `R$ 10.800,00` in Portuguese,
 * `R$10,800.00` in English, `10.800,00 R$` in Spanish. The non-breaking spaces Intl puts in are plain
 * spaces here: the text goes to chat channels and into templates that are compared as text.
 */

const MAX_CACHED = 128;
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** Building an Intl formatter costs far more than using one: keep the few a process uses. */
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, formatter);
  }
  return formatter;
}

const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/**
 * An amount of money in the tenant's currency (BRL unless told), two decimals.
 *
 * @example
 * formatMoney(10800, 'pt') // 'R$ 10.800,00'
 */
export function formatMoney(amount: number, language: Language, currency: string = DEFAULT_CURRENCY): string {
  const format = cached(`money|${language}|${currency}`, () => {
    try {
      return new Intl.NumberFormat(LOCALE_OF[language], {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
      });
    } catch {
      return new Intl.NumberFormat(LOCALE_OF[language], {
        style: 'currency',
        currency: DEFAULT_CURRENCY,
        currencyDisplay: 'narrowSymbol',
      });
    }
  });
  return plainSpaces(format.format(amount));
}

/**
 * A number with the language's separators and at most `maxDecimals` decimals.
 *
 * @example
 * formatNumber(1234.5, 'pt') // '1.234,5'
 */
export function formatNumber(value: number, language: Language, maxDecimals = 2): string {
  const format = cached(
    `number|${language}|${maxDecimals}`,
    () => new Intl.NumberFormat(LOCALE_OF[language], { maximumFractionDigits: maxDecimals }),
  );
  return plainSpaces(format.format(value));
}

/** Options of {@link formatDate}. */
export interface DateFormatOptions {
  /** IANA zone the date is shown in (the tenant's); default America/Sao_Paulo. */
  timeZone?: string;
  /** Add the time of day ("às 15:00", "at 3:00 PM"). Default true. */
  withTime?: boolean;
  /** Add the weekday ("qui", "Thu", "jue"). Default true. */
  withWeekday?: boolean;
  /** Add the year. Default false (chat dates are near). */
  withYear?: boolean;
}

const AT: Readonly<Record<Language, string>> = { pt: 'às', en: 'at', es: 'a las' };

/**
 * A date for a chat message, in the language and the tenant's time zone: `qui, 10/12 às 15:00`,
 * `Thu, Dec 10 at 3:00 PM`, `jue, 10/12 a las 15:00`. An unparsable input is returned as it came.
 */
export function formatDate(iso: string | Date, language: Language, options: DateFormatOptions = {}): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const withYear = options.withYear ?? false;
  const day = cached(
    `day|${language}|${timeZone}|${withYear}`,
    () =>
      new Intl.DateTimeFormat(LOCALE_OF[language], {
        timeZone,
        day: '2-digit',
        ...(language === 'en' ? { month: 'short', day: 'numeric' } : { month: '2-digit' }),
        ...(withYear ? { year: 'numeric' } : {}),
      }),
  );
  let text = plainSpaces(day.format(date));
  if (options.withWeekday ?? true) {
    const weekday = cached(
      `weekday|${language}|${timeZone}`,
      () => new Intl.DateTimeFormat(LOCALE_OF[language], { timeZone, weekday: 'short' }),
    );
    text = `${weekday.format(date).replace(/\.$/, '')}, ${text}`;
  }
  if (options.withTime ?? true) {
    const time = cached(
      `time|${language}|${timeZone}`,
      () => new Intl.DateTimeFormat(LOCALE_OF[language], { timeZone, hour: 'numeric', minute: '2-digit' }),
    );
    text = `${text} ${AT[language]} ${plainSpaces(time.format(date))}`;
  }
  return text;
}
