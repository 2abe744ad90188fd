import {
  DEFAULT_CURRENCY,
  DEFAULT_TIME_ZONE,
  detectLanguage,
  isLanguage,
  isTimeZone,
  type Language,
} from '../../../../shared/index.js';
import { CUSTOMER_LANGUAGE_KEY, TENANT_CURRENCY_KEY, TENANT_TIME_ZONE_KEY } from '../../../catalog/session-keys.js';

/** The language an offline answer is written in, and the tenant's calendar and money. */
export interface AnswerLocale {
  language: Language;
  timeZone: string;
  currency: string;
}

/**
 * The locale of the policy call in progress. Policies are synchronous functions of (message, state,
 * results): the offline model and `definePolicy` set this around each call from the session state the
 * application wrote (`customer_language`, `tenant_time_zone`, `tenant_currency`), so the phrasing
 * helpers (`say`, dates, money) follow the session without every helper taking the state. Nothing
 * awaits inside a policy call, so no other run can observe it.
 */
let current: AnswerLocale | undefined;
/** What `current` was read from: a nested scope over the same state and message reuses it. */
let currentState: Readonly<Record<string, unknown>> | undefined;
let currentMessage = '';

/** The locale session state names; a language missing from it is read from `message`. */
export function localeFromState(state: Readonly<Record<string, unknown>>, message = ''): AnswerLocale {
  const language = state[CUSTOMER_LANGUAGE_KEY];
  const timeZone = state[TENANT_TIME_ZONE_KEY];
  const currency = state[TENANT_CURRENCY_KEY];
  return {
    language: isLanguage(language) ? language : detectLanguage(message).language,
    timeZone: typeof timeZone === 'string' && isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE,
    currency: typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : DEFAULT_CURRENCY,
  };
}

/** Runs a synchronous policy call with `state`'s locale in effect (the outer one is restored after). */
export function withAnswerLocale<T>(state: Readonly<Record<string, unknown>>, message: string, call: () => T): T {
  const outer = current;
  const outerState = currentState;
  const outerMessage = currentMessage;
  // The offline model opens a scope per call and definePolicy one per policy call inside it, over the
  // same state and message: the locale read for the first serves them (policies never write state).
  if (current === undefined || state !== currentState || message !== currentMessage) {
    current = localeFromState(state, message);
    currentState = state;
    currentMessage = message;
  }
  try {
    return call();
  } finally {
    current = outer;
    currentState = outerState;
    currentMessage = outerMessage;
  }
}

/** The locale in effect; outside a policy call, the language of `message` with the tenant defaults. */
export function answerLocale(message = ''): AnswerLocale {
  return current ?? localeFromState({}, message);
}
