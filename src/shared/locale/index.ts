export { detectLanguage, type LanguageDetection, languageScores } from './detect-language.js';
export { type DateFormatOptions, formatDate, formatMoney, formatNumber } from './format.js';
export { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language, LOCALE_OF, languageOfLocale } from './language.js';
export {
  knowsTimeZone,
  type LocalDay,
  localDay,
  localMidnight,
  NAMED_PERIODS,
  type NamedPeriod,
  offsetMinutes,
  periodLabel,
  readNamedPeriod,
  resolveNamedPeriod,
} from './periods.js';
export {
  DEFAULT_CURRENCY,
  DEFAULT_LOCALE,
  DEFAULT_TIME_ZONE,
  isTimeZone,
  type TenantSettings,
  TimeZoneSchema,
  tenantSettings,
} from './tenant-settings.js';
