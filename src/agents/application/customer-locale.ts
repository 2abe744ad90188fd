import {
  detectLanguage,
  formatDate,
  formatMoney,
  isLanguage,
  type Language,
  languageOfLocale,
  localDay,
  type TenantSettings,
  tenantSettings,
} from '../../shared/index.js';
import {
  CUSTOMER_LANGUAGE_KEY,
  LANGUAGE_INSTRUCTION_KEY,
  TENANT_CURRENCY_KEY,
  TENANT_TIME_ZONE_KEY,
} from '../catalog/session-keys.js';

/**
 * The port through which the application reads a tenant's settings (time zone, currency, locale),
 * served by the backend the tools use. Unknown or unset fields take the embedded defaults.
 */
export interface TenantDirectory {
  settings(tenantId: string, signal?: AbortSignal): Promise<Partial<TenantSettings> | undefined>;
}

/** A directory where every tenant has the defaults (São Paulo, BRL, pt-BR). */
export const DEFAULT_TENANTS: TenantDirectory = { settings: async () => undefined };

// A fixed Thursday afternoon in São Paulo, only to show the model the date format by example.
const SAMPLE_DATE = new Date('2026-12-10T18:00:00Z');

/** Bound of the format-sample cache: languages × the tenants' currency and time-zone pairs in use. */
const MAX_FORMAT_SAMPLES = 256;
const formatSampleCache = new Map<string, { money: string; date: string }>();

/**
 * The money and date examples of the instruction: fixed inputs, so a pure function of the language,
 * currency and time zone — kept (bounded) instead of formatted on every message, where they were ~1 %
 * of an offline message's CPU.
 */
function formatSamples(language: Language, settings: TenantSettings): { money: string; date: string } {
  const key = samplesKey(language, settings);
  let samples = formatSampleCache.get(key);
  if (!samples) {
    samples = {
      money: formatMoney(10800, language, settings.currency),
      date: formatDate(SAMPLE_DATE, language, { timeZone: settings.timeZone }),
    };
    if (formatSampleCache.size >= MAX_FORMAT_SAMPLES) formatSampleCache.clear();
    formatSampleCache.set(key, samples);
  }
  return samples;
}

/** What the format samples (and so the instruction, but for the day) depend on. */
function samplesKey(language: Language, settings: TenantSettings): string {
  return `${language}\u0000${settings.currency}\u0000${settings.timeZone}`;
}

/** The date of `now` in `timeZone` as YYYY-MM-DD (the tenant's "today"). */
function isoDay(now: Date, timeZone: string): string {
  const { y, m, d } = localDay(now, timeZone);
  return `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The last instruction per language, currency and time zone, with the second it was written for: its
 * only input that moves is the tenant's today, which cannot change within a second (UTC offsets and
 * their transitions are whole seconds), so messages of the same second share it instead of each
 * working out the day in the time zone again.
 */
const instructionCache = new Map<string, { second: number; text: string }>();

/**
 * "Answer in <language>", written in that language so the model cannot miss it, with the money and
 * date formats shown by example and the tenant's today (periods like "ontem" are the tenant's days).
 */
export function languageInstruction(language: Language, settings: TenantSettings, now: Date): string {
  const key = samplesKey(language, settings);
  const second = Math.floor(now.getTime() / 1000);
  const cached = instructionCache.get(key);
  if (cached !== undefined && cached.second === second) return cached.text;
  const text = writeLanguageInstruction(language, settings, now);
  if (instructionCache.size >= MAX_FORMAT_SAMPLES) instructionCache.clear();
  instructionCache.set(key, { second, text });
  return text;
}

function writeLanguageInstruction(language: Language, settings: TenantSettings, now: Date): string {
  const { money, date } = formatSamples(language, settings);
  const today = isoDay(now, settings.timeZone);
  switch (language) {
    case 'en':
      return `Answer in English — the customer writes in English; never answer in Portuguese. Money like ${money}, dates like "${date}". Today is ${today} in the company's time zone (${settings.timeZone}).`;
    case 'es':
      return `Responde en español — el cliente escribe en español; nunca respondas en portugués. Dinero como ${money}, fechas como "${date}". Hoy es ${today} en la zona horaria de la empresa (${settings.timeZone}).`;
    case 'pt':
      return `Responda em português do Brasil — o idioma do cliente. Valores como ${money}, datas como "${date}". Hoje é ${today} no fuso da empresa (${settings.timeZone}).`;
  }
}

/**
 * The session-state delta of one message's language and the tenant's calendar: the language detected
 * in this message, or — when it says too little — the one the session already had (else the tenant's
 * locale), with the instruction line every template shows the model.
 */
export function localeStateDelta(
  message: string,
  previousState: Readonly<Record<string, unknown>> | undefined,
  partial: Partial<TenantSettings> | undefined,
  now: Date = new Date(),
): Record<string, unknown> {
  const settings = tenantSettings(partial);
  const previous = previousState?.[CUSTOMER_LANGUAGE_KEY];
  const { language } = detectLanguage(
    message,
    isLanguage(previous) ? previous : undefined,
    languageOfLocale(settings.locale),
  );
  return {
    [CUSTOMER_LANGUAGE_KEY]: language,
    [LANGUAGE_INSTRUCTION_KEY]: languageInstruction(language, settings, now),
    [TENANT_TIME_ZONE_KEY]: settings.timeZone,
    [TENANT_CURRENCY_KEY]: settings.currency,
  };
}
