import { agentScorer } from './agent-scorer.js';
import { containsScorer, languageScorer, notContainsScorer } from './answer-scorers.js';
import { argsScorer } from './args-scorer.js';
import { numbersScorer } from './numbers-scorer.js';
import { internalIdsScorer, otherContactsScorer } from './privacy-scorers.js';
import { biNumbersScorer } from './protocol/bi-numbers.js';
import { discountCapScorer } from './protocol/discount-cap.js';
import { memoryBeforeOfferScorer } from './protocol/memory-before-offer.js';
import { ownDataScorer } from './protocol/own-data.js';
import { sdrAssignmentScorer } from './protocol/sdr-assignment.js';
import { supervisorEscalationScorer } from './protocol/supervisor-escalation.js';
import type { Scorer } from './scorer.js';
import { trajectoryScorer } from './trajectory-scorer.js';

export { agentScorer } from './agent-scorer.js';
export { containsScorer, languageScorer, matchesPattern, notContainsScorer } from './answer-scorers.js';
export { argsScorer } from './args-scorer.js';
export { JUDGE_PASS_SCORE, judgeScorer, parseVerdict, transcriptOf } from './judge-scorer.js';
export { numbersScorer, traceableSources, untraceableNumbers } from './numbers-scorer.js';
export { internalIdsIn, internalIdsScorer, otherContactsIn, otherContactsScorer } from './privacy-scorers.js';
export { biNumbersScorer } from './protocol/bi-numbers.js';
export { discountCapScorer, MAX_DISCOUNT_PERCENT, promisedAboveCap } from './protocol/discount-cap.js';
export { memoryBeforeOfferScorer } from './protocol/memory-before-offer.js';
export { ownDataScorer } from './protocol/own-data.js';
export { ASSIGN_MIN_SCORE, HOT_SCORE, sdrAssignmentScorer } from './protocol/sdr-assignment.js';
export { SUPERVISOR_CLV, SUPERVISOR_SEVERITY, supervisorEscalationScorer } from './protocol/supervisor-escalation.js';
export {
  type CheckResult,
  callsOf,
  type ExpectScope,
  expectScopes,
  outputOf,
  type ScoreContext,
  type Scorer,
  type TenantPeople,
  type TurnCall,
  type TurnRecord,
} from './scorer.js';
export { judgeTrajectory, trajectoryScorer } from './trajectory-scorer.js';

/** The case's own expectations: agent, tools, arguments, answer. */
export const EXPECTATION_SCORERS: readonly Scorer[] = [
  agentScorer,
  trajectoryScorer,
  argsScorer,
  languageScorer,
  containsScorer,
  notContainsScorer,
  numbersScorer,
  internalIdsScorer,
  otherContactsScorer,
];

/** The seed's protocol rules, checked on every case they apply to. */
export const PROTOCOL_SCORERS: readonly Scorer[] = [
  memoryBeforeOfferScorer,
  discountCapScorer,
  supervisorEscalationScorer,
  sdrAssignmentScorer,
  biNumbersScorer,
  ownDataScorer,
];

/** Every scorer that needs no model (the judge is added with `--judge`). */
export const DEFAULT_SCORERS: readonly Scorer[] = [...EXPECTATION_SCORERS, ...PROTOCOL_SCORERS];
