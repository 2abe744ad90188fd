export { type Calibration, calibrate, DEFAULT_CALIBRATION } from './calibration.js';
export { type FeatureBag, intentFeatures } from './intent-features.js';
export { KeywordMatcher } from './keyword-matcher.js';
export { type LexicalClass, LexicalIndex } from './lexical-index.js';
export {
  DEFAULT_SCORING,
  DEFAULT_THRESHOLD,
  type RouteDecision,
  type RouterScoring,
  SemanticRouter,
  type SemanticRouterOptions,
} from './semantic-router.js';
