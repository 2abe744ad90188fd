import type { CustomerReply } from './workflow-context.js';
import type { AnyWorkflowDefinition } from './workflow-definition.js';
import type { WorkflowDetail, WorkflowRecord } from './workflow-record.js';

/**
 * The durable-execution engine as the service sees it. `DbosWorkflowEngine` runs the workflows in this
 * process over DBOS; another implementation could manage them from outside (the CLI over DBOSClient).
 */
export interface WorkflowEngine {
  /**
   * Starts `definition` with `input` under `workflowId`; when that id exists, nothing starts and
   * `created` is false (whatever the existing workflow's state).
   */
  start(definition: AnyWorkflowDefinition, input: unknown, workflowId: string): Promise<{ created: boolean }>;
  get(workflowId: string): Promise<WorkflowDetail | undefined>;
  /** Newest first, at most `limit`. */
  list(filter: EngineListFilter): Promise<WorkflowRecord[]>;
  cancel(workflowId: string): Promise<void>;
  /**
   * Queues an unfinished (or cancelled) workflow to run again from its recorded steps on whichever
   * engine takes it: the remedy for the workflows of an instance that is gone for good.
   */
  resume(workflowId: string): Promise<void>;
  /** Delivers a customer's reply; the same `idempotencyKey` twice delivers once. */
  sendReply(workflowId: string, reply: CustomerReply, idempotencyKey: string): Promise<void>;
  close(): Promise<void>;
}

export interface EngineListFilter {
  tenantId?: string;
  contactId?: string;
  workflows?: readonly AnyWorkflowDefinition[];
  /** Only workflows still running or sleeping. */
  activeOnly?: boolean;
  /**
   * Read each workflow's steps (default true): `steps_done`, and `sleeping` apart from `running`.
   * Without them (reply delivery needs only the ids) an unfinished workflow reads `running` and
   * `steps_done` is empty, and the list is one query.
   */
  withSteps?: boolean;
  limit: number;
}

/** Custom attributes every workflow carries, queried by `list` and by reply delivery. */
export interface WorkflowAttributes {
  workflow: string;
  tenant_id: string;
  contact_id: string;
  [key: string]: string;
}
