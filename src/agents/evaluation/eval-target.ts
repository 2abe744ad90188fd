import type { AgentApplication } from '../application/index.js';
import type { TenantPeople } from './scorers/index.js';

/**
 * The application under evaluation, over a scratch copy of the seeded store — never the user's
 * data. A target serves cases one at a time; the runner closes it and opens a fresh one after any case
 * that called a tool outside `readOnlyTools`, so cases that write (offers, tasks, tickets) never
 * see each other's writes.
 */
export interface EvalTarget {
  app: Pick<AgentApplication, 'execute' | 'agents'>;
  /** Bare names of the tools that never write (MCP `readOnlyHint`). */
  readOnlyTools: ReadonlySet<string>;
  /** The tenant's contacts and staff, for the "no other contact named" checks. */
  people(tenantId: string): Promise<TenantPeople>;
  close(): Promise<void>;
}

/** Opens a target on a fresh scratch copy of the seeded store. */
export type OpenEvalTarget = () => Promise<EvalTarget>;
