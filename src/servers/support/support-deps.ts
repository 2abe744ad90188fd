import type { CrmStore } from '../store/index.js';

/** What the support tools need. */
export interface SupportDeps {
  store: Pick<CrmStore, 'crm' | 'contacts' | 'agents'>;
  /** Clock for time windows and due dates (tests pin it). */
  now?: () => Date;
}
