export { isOptOut } from './opt-out.js';
export { type RouteDecision, type RouteRequestOptions, SemanticRouter } from './semantic-router.js';
