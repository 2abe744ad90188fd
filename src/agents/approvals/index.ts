export {
  type ApprovalRules,
  type ApprovalRulesConfig,
  ApprovalRulesConfigSchema,
  ApprovalRulesSchema,
  parseApprovalRules,
  rulesFor,
  rulesResolver,
  SEED_APPROVAL_RULES,
} from './approval-rules.js';
export { createSeedGate, type GateLookups } from './seed-gate.js';
