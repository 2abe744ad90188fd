import type { CrmStore } from '../store/index.js';

/** What the retention tools need: the CRM store, and a clock (tests). */
export interface RetentionDeps {
  store: Pick<CrmStore, 'crm' | 'contacts'>;
  now?: () => Date;
}
