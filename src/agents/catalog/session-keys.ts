/**
 * Session-state key where the app (or a routing agent) leaves the semantic router's pick for this
 * message: a template id. `temp:` keys are not persisted with the session. Routing agents of the
 * workflows read it, and so does the offline model's coordinator policy. Import-free on purpose, so
 * the offline policies can share the name without loading the catalog.
 */
export const ROUTE_HINT_KEY = 'temp:route_template';
