export type { AgentApplication, AgentInfo, StreamItem } from './agent-application.js';
export {
  type AgentRequest,
  AgentRequestSchema,
  type Audience,
  AudienceSchema,
  DEFAULT_RUN_TIMEOUT_MS,
  MAX_MESSAGE_CHARS,
  MAX_RUN_TIMEOUT_MS,
  RunOptionsSchema,
  type ValidAgentRequest,
} from './agent-request.js';
export {
  type ApprovalDeps,
  type ApprovalService,
  createApprovalService,
  DEFAULT_APPROVAL_TTL_MS,
  type DecisionOutcome,
  type QueuedQuestion,
  type RequestedListener,
  type ResumedListener,
} from './approval-service.js';
export {
  type ApprovalDecisionInput,
  ApprovalDecisionInputSchema,
  type ApprovalView,
  ApprovalViewSchema,
  approvalViewOf,
} from './approval-view.js';
export { type ContactDirectory, type ContactSummary, NO_CONTACTS } from './contact-directory.js';
export { type AgentApplicationDeps, createAgentApplication } from './create-agent-application.js';
export { type AgentDefinition, type AgentDefinitions, AgentUnavailableError } from './custom-agents.js';
export { DEFAULT_TENANTS, languageInstruction, localeStateDelta, type TenantDirectory } from './customer-locale.js';
export {
  type ApprovalRequest,
  ApprovalRequestSchema,
  AWAITING_APPROVAL_ANSWER,
  bareToolName,
  buildExecutionResult,
  type ExecutionResult,
  type ExecutionResultInput,
  ExecutionResultSchema,
  type ExecutionToolCall,
  ExecutionToolCallSchema,
  type RunOutcome,
  suggestedActions,
} from './execution-result.js';
