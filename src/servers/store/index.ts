export { CrmStore, openCrmStore } from './crm-store.js';
export { FTS_PREFIX_LENGTHS } from './migrations/index.js';
export type { ContactActivity } from './repositories/contact-activity-repository.js';
export type { ContactRow } from './repositories/contact-repository.js';
export {
  GRAPH_NODE_TYPES,
  type GraphEdgeRow,
  type GraphNodeRow,
  type GraphNodeType,
  type GraphRepository,
  type HopFilter,
  type KeywordTerm,
  type LoadableTable,
  MAX_VISITED,
  type MemoryEntityLink,
  type MemoryFilter,
  type MemoryRecord,
  type NewAgent,
  type NewContact,
  type NewConversation,
  type NewMemoryRecord,
  type NewMessage,
  type NodeHandle,
  type NodeRef,
  type ScoredSeq,
} from './repositories/index.js';
export type { ContactMessageStats } from './repositories/message-repository.js';
export type { ContactCache, TableCache } from './table-cache.js';
export type { ContactTable, TrackedTable } from './table-changes.js';
