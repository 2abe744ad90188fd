export { type CrmRepositories, CrmStore, type OpenCrmStoreOptions, openCrmStore, openDatabase } from './crm-store.js';
export { migrate } from './migrate.js';
export { FTS_PREFIX_LENGTHS, MIGRATIONS, type Migration } from './migrations/index.js';
export { reindexMemories } from './reindex.js';
export * from './repositories/index.js';
export {
  DEFAULT_VECTOR_INDEX_KIND,
  openVectorIndex,
  type VectorHit,
  type VectorIndex,
  type VectorIndexKind,
} from './vector-index.js';
