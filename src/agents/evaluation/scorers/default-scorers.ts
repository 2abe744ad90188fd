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
