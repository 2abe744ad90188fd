export { type RouteDecision, type RouteRequestOptions, SemanticRouter } from './semantic-router.js';
