/**
 * Session-state key where the app (or a routing agent) leaves the semantic router's pick for this
 * message: a template id. `temp:` keys are not persisted with the session. Routing agents of the
 * workflows read it, and so does the offline model's coordinator policy. Import-free on purpose, so
 * the offline policies can share the name without loading the catalog.
 */
export const ROUTE_HINT_KEY = 'temp:route_template';

/**
 * Session-state key of the CRM's sentiment for this message (−1..1), when the request's context carries
 * `sentiment_score` (the seed's session `sentiment_score`). `temp:`: it describes one message, so it is
 * not persisted. The retention instruction shows it and the offline retention policy reads it.
 */
export const SENTIMENT_SCORE_KEY = 'temp:sentiment_score';
