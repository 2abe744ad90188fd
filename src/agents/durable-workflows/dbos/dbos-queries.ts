import type { GetWorkflowsInput, WorkflowStatus } from '@dbos-inc/dbos-sdk';
import type { CustomerReply } from '../workflow-context.js';
import { REPLY_TOPIC } from '../workflow-context.js';
import type { AnyWorkflowDefinition, WorkflowName } from '../workflow-definition.js';
import type { EngineListFilter } from '../workflow-engine.js';
import type { WorkflowDetail, WorkflowRecord } from '../workflow-record.js';
import { type StepInfo, toWorkflowDetail, toWorkflowRecord } from './dbos-records.js';
import type { DbosStepReader } from './dbos-step-reader.js';

/** What reading and steering workflows needs: the same calls on `DBOS` (in process) and `DBOSClient`. */
export interface DbosOperations {
  listWorkflows(input: GetWorkflowsInput): Promise<WorkflowStatus[]>;
  listWorkflowSteps(workflowId: string): Promise<StepInfo[] | undefined>;
  cancelWorkflow(workflowId: string): Promise<void>;
  resumeWorkflow(workflowId: string): Promise<unknown>;
  send(workflowId: string, message: unknown, topic: string, idempotencyKey: string): Promise<void>;
}

/**
 * get / list / cancel / resume / reply over DBOS's records, shared by the in-process engine and the
 * client. Only the catalog's workflows are visible (by DBOS workflow name). `list` reads the steps of
 * the whole page in one query (DbosStepReader); `get` uses DBOS's own reader (outputs and errors).
 */
export class DbosWorkflowQueries {
  readonly #ops: DbosOperations;
  readonly #names: ReadonlyMap<string, WorkflowName>;
  readonly #reader: Pick<DbosStepReader, 'stepsOf'>;

  constructor(
    ops: DbosOperations,
    catalog: Readonly<Record<WorkflowName, AnyWorkflowDefinition>>,
    reader: Pick<DbosStepReader, 'stepsOf'>,
  ) {
    this.#ops = ops;
    this.#reader = reader;
    this.#names = new Map(Object.values(catalog).map((d) => [d.engineName, d.name]));
  }

  async get(workflowId: string): Promise<WorkflowDetail | undefined> {
    const [status] = await this.#ops.listWorkflows({ workflowIDs: [workflowId], loadInput: true, loadOutput: true });
    const name = status && this.#names.get(status.workflowName);
    if (!status || !name) return undefined;
    return toWorkflowDetail(status, await this.#steps(workflowId), name);
  }

  async list(filter: EngineListFilter): Promise<WorkflowRecord[]> {
    const attributes: Record<string, string> = {};
    if (filter.tenantId !== undefined) attributes['tenant_id'] = filter.tenantId;
    if (filter.contactId !== undefined) attributes['contact_id'] = filter.contactId;
    const statuses = await this.#ops.listWorkflows({
      workflowName: filter.workflows?.map((d) => d.engineName) ?? [...this.#names.keys()],
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
      ...(filter.activeOnly ? { status: ['PENDING', 'ENQUEUED'] } : {}),
      limit: filter.limit,
      sortDesc: true,
      loadInput: false,
      loadOutput: false,
    });
    const known = statuses.flatMap((status) => {
      const name = this.#names.get(status.workflowName);
      return name ? [{ status, name }] : [];
    });
    if (filter.withSteps === false) return known.map(({ status, name }) => toWorkflowRecord(status, [], name));
    const steps = await this.#reader.stepsOf(known.map(({ status }) => status.workflowID));
    return known.map(({ status, name }) => toWorkflowRecord(status, steps.get(status.workflowID) ?? [], name));
  }

  cancel(workflowId: string): Promise<void> {
    return this.#ops.cancelWorkflow(workflowId);
  }

  async resume(workflowId: string): Promise<void> {
    await this.#ops.resumeWorkflow(workflowId);
  }

  sendReply(workflowId: string, reply: CustomerReply, idempotencyKey: string): Promise<void> {
    return this.#ops.send(workflowId, reply, REPLY_TOPIC, idempotencyKey);
  }

  async #steps(workflowId: string): Promise<StepInfo[]> {
    return (await this.#ops.listWorkflowSteps(workflowId)) ?? [];
  }
}
