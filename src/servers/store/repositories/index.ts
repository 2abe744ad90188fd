export { type AgentRepository, createAgentRepository, type NewAgent } from './agent-repository.js';
export { type BulkLoader, createBulkLoader, type LoadableTable } from './bulk-loader.js';
export { type ContactActivityRepository, createContactActivityRepository } from './contact-activity-repository.js';
export { type ContactRepository, createContactRepository, type NewContact } from './contact-repository.js';
export {
  type ConversationRepository,
  createConversationRepository,
  type NewConversation,
} from './conversation-repository.js';
export {
  createGraphRepository,
  GRAPH_NODE_TYPES,
  type GraphEdgeRow,
  type GraphNodeRow,
  type GraphNodeType,
  type GraphRepository,
  type HopFilter,
  MAX_VISITED,
  type NodeHandle,
  type NodeRef,
} from './graph-repository.js';
export {
  createIdempotencyRepository,
  type IdempotencyRepository,
  type IdempotencyRowKey,
} from './idempotency-repository.js';
export type { KeywordTerm } from './keyword-search.js';
export {
  createMemoryRepository,
  type MemoryEntityLink,
  type MemoryFilter,
  type MemoryRecord,
  type MemoryRepository,
  type NewMemoryRecord,
  type ScoredSeq,
} from './memory-repository.js';
export { createMessageRepository, type MessageRepository, type NewMessage } from './message-repository.js';
export { createTenantRepository, type TenantRepository } from './tenant-repository.js';
