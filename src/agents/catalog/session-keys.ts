/**
 * Session-state key where the app (or a routing agent) leaves the semantic router's pick for this
 * message: a template id. `temp:` keys are not persisted with the session. Routing agents of the
 * workflows read it, and so does the offline model's coordinator policy. Import-free on purpose, so
 * the offline policies can share the name without loading the catalog.
 */
export const ROUTE_HINT_KEY = 'temp:route_template';

/**
 * Session-state key (persisted) of the specialist the conversation's last confident route chose: a short
 * follow-up the router cannot place on its own ("e ontem?", "quarta às 16h") stays with it.
 */
export const CONVERSATION_AGENT_KEY = 'route:conversation_template';

/**
 * Session-state keys of the customer's language and the tenant's calendar, written by the application
 * before each run (`application/customer-locale.ts`) and read by the instructions and the offline
 * policies. `customer_language` persists with the session: a message that says too little ("ok", "👍")
 * keeps the language the conversation had.
 */
export const CUSTOMER_LANGUAGE_KEY = 'customer_language';
/** The "answer in <language>" line of every instruction's context block, in the language itself. */
export const LANGUAGE_INSTRUCTION_KEY = 'language_instruction';
/** The tenant's IANA time zone (dates in answers, "hoje"/"ontem"). */
export const TENANT_TIME_ZONE_KEY = 'tenant_time_zone';
/** The tenant's ISO-4217 currency (money in answers). */
export const TENANT_CURRENCY_KEY = 'tenant_currency';

/**
 * Session-state key of the CRM's sentiment for this message (−1..1), when the request's context carries
 * `sentiment_score` (the seed's session `sentiment_score`). `temp:`: it describes one message, so it is
 * not persisted. The retention instruction shows it and the offline retention policy reads it.
 */
export const SENTIMENT_SCORE_KEY = 'temp:sentiment_score';

/**
 * Session-state key (persisted) of the last run's audience (`customer` or `staff`): after a restart the
 * session-end tracker re-arms idle clocks from the store, which only ends customer conversations.
 */
export const SESSION_AUDIENCE_KEY = 'conversation_audience';
