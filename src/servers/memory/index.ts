export { LocalMemoryBackend } from './local/index.js';
export {
  type ContactContext,
  type ContactContextQuery,
  ContactContextSchema,
  type FinishedSession,
  type GraphEdge,
  type GraphNode,
  type Memory,
  type MemoryBackend,
  type NewMemory,
  type RelatedEntities,
  type RelatedEntitiesQuery,
  RelatedEntitiesSchema,
  type SearchMemoriesQuery,
  type SearchMemoriesResult,
  SearchMemoriesResultSchema,
  type SearchMode,
  type StoredMemory,
  StoredMemorySchema,
  type WriteOptions,
} from './memory-backend.js';
export { memoryResources } from './memory-resources.js';
export { memoryTools } from './memory-tools.js';
