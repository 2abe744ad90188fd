export { type Calibration, calibrate, DEFAULT_CALIBRATION } from './calibration.js';
export { KeywordMatcher } from './keyword-matcher.js';
export {
  DEFAULT_SCORING,
  DEFAULT_THRESHOLD,
  type RouteDecision,
  type RouterScoring,
  SemanticRouter,
  type SemanticRouterOptions,
} from './semantic-router.js';
