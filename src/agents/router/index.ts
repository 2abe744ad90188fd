export { type RouteDecision, SemanticRouter } from './semantic-router.js';
