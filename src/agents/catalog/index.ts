export * from './build-catalog.js';
export * from './format-guide/index.js';
export * from './knowledge-scope.js';
export * from './knowledge-scope-callbacks.js';
export * from './patterns/index.js';
export {
  ROUTE_DECISION_KEY,
  ROUTED_AGENT_ID,
  RoutedAgent,
  type RoutedAgentOptions,
  type RouteOutcome,
  recordRoute,
  routeOutcomeOf,
} from './routed-agent.js';
export * from './session-keys.js';
export * from './template.js';
export * from './templates.js';
