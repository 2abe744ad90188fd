export {
  effectiveFlags,
  loadMemoryContext,
  MEMORY_CALL_TIMEOUT_MS,
  type MemoryContextTools,
} from './load-memory-context.js';
export {
  DEFAULT_MEMORY_CONTEXT_CHARS,
  type MemoryContextOptions,
  memoryContextCallbacks,
  scopeWantsMemory,
} from './memory-context-callbacks.js';
export { type MemoryContextData, renderMemorySections, SECTION_HEADERS } from './memory-sections.js';
