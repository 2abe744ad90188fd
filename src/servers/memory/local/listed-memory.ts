import type { MemoryRecord } from '../../store/index.js';
import type { Memory } from '../memory-backend.js';

/** A memory listed (not searched): relevance is its importance. */
export function listedMemory(record: MemoryRecord, related: Memory['related']): Memory {
  return {
    id: record.id,
    contact_id: record.contact_id,
    content: record.content,
    memory_type: record.memory_type,
    relevance_score: record.importance,
    importance: record.importance,
    created_at: record.created_at,
    metadata: record.metadata,
    related,
  };
}
