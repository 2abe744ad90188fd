import { CRM_CORE_SQL } from './001-crm-core.js';
import { MEMORY_GRAPH_SQL } from './002-memory-graph.js';
import { FTS_PREFIX_INDEX_SQL } from './003-fts-prefix-index.js';
import { TENANT_TIME_ZONE_SQL } from './004-tenant-time-zone.js';
import { TOOL_IDEMPOTENCY_SQL } from './005-tool-idempotency.js';
import { APPROVED_OFFERS_SQL } from './006-approved-offers.js';
import { ERROR_LOGS_SQL } from './007-error-logs.js';
import { LEADS_BY_CAMPAIGN_SQL } from './008-leads-by-campaign.js';

export { FTS_PREFIX_LENGTHS } from './003-fts-prefix-index.js';

/** One schema step; `id` is recorded in `schema_migrations` once applied. */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Every migration, in the order they apply. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { id: '001-crm-core', sql: CRM_CORE_SQL },
  { id: '002-memory-graph', sql: MEMORY_GRAPH_SQL },
  { id: '003-fts-prefix-index', sql: FTS_PREFIX_INDEX_SQL },
  { id: '004-tenant-time-zone', sql: TENANT_TIME_ZONE_SQL },
  { id: '005-tool-idempotency', sql: TOOL_IDEMPOTENCY_SQL },
  { id: '006-approved-offers', sql: APPROVED_OFFERS_SQL },
  { id: '007-error-logs', sql: ERROR_LOGS_SQL },
  { id: '008-leads-by-campaign', sql: LEADS_BY_CAMPAIGN_SQL },
];
