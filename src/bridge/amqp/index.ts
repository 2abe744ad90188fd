export {
  type AmqpBridge,
  type AmqpBridgeOptions,
  type AmqpBridgeStats,
  DEFAULT_AMQP_CONCURRENCY,
  startAmqpBridge,
} from './amqp-bridge.js';
export {
  APPROVAL_DECIDED_KEY,
  APPROVAL_DECISIONS_QUEUE,
  APPROVAL_REQUESTED_KEY,
  ApprovalDecidedEventSchema,
  connectApprovalEvents,
  handleApprovalDecided,
} from './approval-events.js';
export { classifyPublishFailure, classifyRunFailure, type FailureClass } from './classify-error.js';
export { confirmPublish } from './confirm-publish.js';
export { messageIdOf } from './dead-letter.js';
export type { DlqEntry } from './dlq-entry.js';
export { type DlqAnalysis, DlqInspector, type DlqInspectorOptions, type ReprocessFilter } from './dlq-inspector.js';
export {
  type AnswerOutboundPayload,
  AnswerOutboundPayloadSchema,
  buildOutboundEvent,
  decodeMessageReceived,
  EnvelopeSchema,
  type MessageOutboundEvent,
  MessageOutboundEventSchema,
  type MessageOutboundPayload,
  type MessageReceivedEvent,
  MessageReceivedEventSchema,
  type MessageReceivedPayload,
  MessageReceivedPayloadSchema,
  type WorkflowOutboundPayload,
  WorkflowOutboundPayloadSchema,
} from './envelope.js';
export { AmqpBridgeError, redactUrl } from './errors.js';
export { type DeliveryOutcome, type HandleMessageDeps, handleMessage, type RunRetry } from './handle-message.js';
export { KeyedSerializer } from './keyed-serializer.js';
export {
  DEAD_LETTER_EXCHANGE,
  DEAD_LETTER_QUEUE,
  DEFAULT_DELIVERY_LIMIT,
  DLQ_HEADERS,
  declareTopology,
  EVENTS_EXCHANGE,
  INBOUND_ROUTING_KEY,
  OUTBOUND_ROUTING_KEY,
  WORK_QUEUE,
} from './topology.js';
export {
  startWorkflowEventConsumer,
  type WorkflowEventConsumer,
  type WorkflowEventConsumerOptions,
  type WorkflowEventConsumerStats,
} from './workflow-event-consumer.js';
export {
  handleWorkflowDelivery,
  type WorkflowDeliveryDeps,
  type WorkflowDeliveryOutcome,
} from './workflow-event-delivery.js';
export { buildWorkflowOutboundEvent, queueWorkflowOutbound, workflowOutboundId } from './workflow-outbound.js';
export { declareWorkflowTopology, WORKFLOW_EVENTS_QUEUE, WORKFLOW_ROUTING_KEYS } from './workflow-topology.js';
