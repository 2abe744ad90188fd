import type { CrmStore } from '../store/index.js';

/** What the retention tools need: the CRM store, and a clock (tests). */
export interface RetentionDeps {
  /** `readOnlyBatch` lets a tool's reads share one read transaction. */
  store: Pick<CrmStore, 'crm' | 'contacts' | 'readOnlyBatch'>;
  now?: () => Date;
}
