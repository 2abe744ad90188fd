/** The languages the agents answer in: Brazilian Portuguese, English, Spanish. */
export const LANGUAGES = ['pt', 'en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The Intl locale each language formats numbers, money and dates with. */
export const LOCALE_OF: Readonly<Record<Language, string>> = Object.freeze({ pt: 'pt-BR', en: 'en-US', es: 'es' });

/** The language's own name, for instructions and logs. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = Object.freeze({
  pt: 'português do Brasil',
  en: 'English',
  es: 'español',
});

/** Whether a value (from session state, a header, a config) is one of {@link LANGUAGES}. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language of a locale tag: `pt-BR` → pt, `en-US` → en, `es-MX` → es; anything else → pt. */
export function languageOfLocale(locale: string | undefined): Language {
  const prefix = (locale ?? '').slice(0, 2).toLowerCase();
  return isLanguage(prefix) ? prefix : 'pt';
}
