import type { MemoryFilter } from '../../store/index.js';
import type { KnowledgeScope } from '../memory-backend.js';

const DAY_MS = 86_400_000;

// What each include_* flag of a KnowledgeScope governs.
const SCOPE_TYPES: Record<string, readonly string[]> = {
  include_messages: ['conversation'],
  include_sessions: ['session_summary'],
  include_tickets: ['support_ticket', 'complaint'],
  include_purchases: ['purchase'],
  include_offers: ['offer'],
};
// Entries once, not per search (every search builds its filter).
const SCOPE_FLAGS = Object.entries(SCOPE_TYPES) as ReadonlyArray<[keyof KnowledgeScope, readonly string[]]>;

/**
 * Builds the store filter of a search: contact, memory types (the query's and the scope's
 * intersected; types whose include_* flag is false removed) and the lookback window. An empty type
 * list after intersection means "nothing can match" and is kept as a type that never exists.
 */
export function toMemoryFilter(
  options: { contactId?: string; memoryTypes?: readonly string[]; scope?: KnowledgeScope },
  now: Date,
): MemoryFilter {
  const filter: MemoryFilter = {};
  if (options.contactId) filter.contactId = options.contactId;
  const scope = options.scope ?? {};
  let types: string[] | undefined = options.memoryTypes ? [...options.memoryTypes] : undefined;
  if (scope.memory_types)
    types = types ? types.filter((t) => scope.memory_types?.includes(t)) : [...scope.memory_types];
  const excluded: string[] = [];
  for (const [flag, list] of SCOPE_FLAGS) if (scope[flag] === false) excluded.push(...list);
  if (excluded.length > 0) {
    if (types) types = types.filter((t) => !excluded.includes(t));
    else filter.excludedTypes = excluded;
  }
  if (types) filter.types = types.length > 0 ? types : ['__none__'];
  if (scope.lookback_days !== undefined) {
    filter.since = new Date(now.getTime() - scope.lookback_days * DAY_MS).toISOString();
  }
  return filter;
}
