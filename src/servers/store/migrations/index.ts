import { CRM_CORE_SQL } from './001-crm-core.js';
import { MEMORY_GRAPH_SQL } from './002-memory-graph.js';

/** One schema step; `id` is recorded in `schema_migrations` once applied. */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Every migration, in the order they apply. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { id: '001-crm-core', sql: CRM_CORE_SQL },
  { id: '002-memory-graph', sql: MEMORY_GRAPH_SQL },
];
