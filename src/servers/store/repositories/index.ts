export { type AgentRepository, type AgentRow, createAgentRepository, type NewAgent } from './agent-repository.js';
export { type BulkLoader, createBulkLoader, type LoadableTable } from './bulk-loader.js';
export {
  type ContactActivity,
  type ContactActivityRepository,
  createContactActivityRepository,
} from './contact-activity-repository.js';
export {
  type ContactRepository,
  type ContactRow,
  createContactRepository,
  type NewContact,
} from './contact-repository.js';
export {
  type ConversationRepository,
  type ConversationRow,
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
} from './graph-repository.js';
export {
  bm25Idf,
  ftsTokens,
  KEYWORD_WINDOW,
  type KeywordSearchOptions,
  type KeywordTerm,
} from './keyword-search.js';
export {
  createMemoryRepository,
  type MemoryEntityLink,
  type MemoryFilter,
  type MemoryRecord,
  type MemoryRepository,
  type NewMemoryRecord,
  type ScoredSeq,
} from './memory-repository.js';
export {
  type ContactMessageStats,
  createMessageRepository,
  type MessageRepository,
  type MessageRow,
  type NewMessage,
} from './message-repository.js';
export { createTenantRepository, type TenantRepository, type TenantRow } from './tenant-repository.js';
