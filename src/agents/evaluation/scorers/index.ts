export { DEFAULT_SCORERS, EXPECTATION_SCORERS, PROTOCOL_SCORERS } from './default-scorers.js';
export { judgeScorer } from './judge-scorer.js';
export type { CheckResult, ScoreContext, Scorer, TenantPeople, TurnRecord } from './scorer.js';
