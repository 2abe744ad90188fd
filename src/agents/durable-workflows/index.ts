export { BANT_PROMPT, type BantResult, BantResultSchema, parseBantResult, QUALIFIED_SCORE } from './bant.js';
export { createWorkflowClock, DAY_MS, MAX_CLOCK_SCALE, parseClockScale, type WorkflowClock } from './clock.js';
export { DbosClientEngine, type DbosClientEngineOptions } from './dbos/dbos-client-engine.js';
export { DEFAULT_STEP_POLICY, type StepPolicy } from './dbos/dbos-context.js';
export {
  DBOS_APPLICATION_NAME,
  type DbosEngineOptions,
  DbosWorkflowEngine,
  WORKFLOW_QUEUE,
  WORKFLOWS_VERSION,
} from './dbos/dbos-engine.js';
export {
  InvalidWorkflowInputError,
  SagaCompensatedError,
  UnknownWorkflowError,
  WorkflowEngineError,
  WorkflowError,
  WorkflowNotFoundError,
} from './errors.js';
export { deliveringReplies, type ReplyDelivery } from './reply-delivery.js';
export { type Compensation, Saga } from './saga.js';
export {
  type CustomerOnboardingStart,
  CustomerOnboardingStartSchema,
  type LeadNurturingStart,
  LeadNurturingStartSchema,
  type RetentionCampaignStart,
  RetentionCampaignStartSchema,
  type StartRequestBase,
  StartRequestBaseSchema,
} from './start-requests.js';
export {
  type CustomerReply,
  CustomerReplySchema,
  REPLY_TOPIC,
  type StepIo,
  type StepOptions,
  type WorkflowContext,
} from './workflow-context.js';
export {
  type AnyWorkflowDefinition,
  defineWorkflow,
  type WorkflowDefinition,
  type WorkflowName,
  workflowIdOf,
} from './workflow-definition.js';
export {
  type AgentRunRequest,
  type AgentRunResult,
  AgentRunResultSchema,
  type EffectOptions,
  type OutboundMessage,
  type SessionMessage,
  SessionMessageSchema,
  type ToolCallOptions,
  type ToolOutcome,
  type WorkflowEffects,
} from './workflow-effects.js';
export type { EngineListFilter, WorkflowAttributes, WorkflowEngine } from './workflow-engine.js';
export {
  ChurnRiskDetectedPayloadSchema,
  ContactCreatedPayloadSchema,
  handleWorkflowEvent,
  SessionEndedPayloadSchema,
  SubscriptionCreatedPayloadSchema,
  WORKFLOW_EVENT_TYPES,
  type WorkflowEvent,
  type WorkflowEventDeps,
  type WorkflowEventOutcome,
  WorkflowEventSchema,
  type WorkflowEventType,
} from './workflow-events.js';
export {
  type WorkflowDetail,
  WorkflowDetailSchema,
  type WorkflowRecord,
  WorkflowRecordSchema,
  type WorkflowStatus,
  WorkflowStatusSchema,
  type WorkflowStep,
  WorkflowStepSchema,
} from './workflow-record.js';
export {
  type DeliverReply,
  DeliverReplySchema,
  type ListWorkflowsQuery,
  ListWorkflowsQuerySchema,
  MAX_LIST_LIMIT,
  type Scope,
  WorkflowService,
} from './workflow-service.js';
export {
  type AgentReply,
  agentStep,
  type DaySchedule,
  daySchedule,
  sendStep,
  type ToolStepResult,
  toolStep,
} from './workflow-steps.js';
export {
  type CustomerOnboardingResult,
  customerOnboarding,
  FOLLOW_UP_DISCOUNT_PERCENT,
  type LeadNurturingResult,
  leadNurturing,
  ONBOARDING_APOLOGY,
  RETENTION_WAIT_DAYS,
  type RetentionCampaignResult,
  retentionCampaign,
  WORKFLOW_CATALOG,
} from './workflows/index.js';
