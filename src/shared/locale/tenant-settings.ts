import { z } from 'zod';

/** The time zone of a tenant that has none configured: the product's customers are Brazilian. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';
/** The currency of a tenant that has none configured. */
export const DEFAULT_CURRENCY = 'BRL';
/** The locale of a tenant that has none configured. */
export const DEFAULT_LOCALE = 'pt-BR';

/** Answers already known: building an `Intl.DateTimeFormat` to find out costs ~70 µs, and every answer asks. */
const knownZones = new Map<string, boolean>();
/** Bound of the cache: zones are a few hundred names; junk input must not grow it without end. */
const MAX_KNOWN_ZONES = 1_000;

/** Whether `zone` is an IANA time zone this runtime knows (`America/Sao_Paulo`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (knownZones.size < MAX_KNOWN_ZONES) knownZones.set(zone, valid);
  return valid;
}

/** An IANA time zone, validated with Intl. */
export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(60)
  .refine(isTimeZone, { message: 'expected an IANA time zone such as America/Sao_Paulo' });

/** What answers need to know of a tenant: where its "today" is, its money, its default language. */
export interface TenantSettings {
  /** IANA time zone that defines "today", "ontem", "este mês" for the tenant. */
  timeZone: string;
  /** ISO-4217 code money is shown in. */
  currency: string;
  /** Default locale, the language of a customer who has not written anything telling yet. */
  locale: string;
}

/** Settings with the embedded defaults for what a tenant leaves unset. */
export function tenantSettings(partial: Partial<TenantSettings> = {}): TenantSettings {
  return {
    timeZone: partial.timeZone && isTimeZone(partial.timeZone) ? partial.timeZone : DEFAULT_TIME_ZONE,
    currency: partial.currency || DEFAULT_CURRENCY,
    locale: partial.locale || DEFAULT_LOCALE,
  };
}
