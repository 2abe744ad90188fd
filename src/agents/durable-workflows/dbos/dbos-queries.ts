import type { GetWorkflowsInput, WorkflowStatus } from '@dbos-inc/dbos-sdk';
import type { CustomerReply } from '../workflow-context.js';
import { REPLY_TOPIC } from '../workflow-context.js';
import type { AnyWorkflowDefinition, WorkflowName } from '../workflow-definition.js';
import type { EngineListFilter } from '../workflow-engine.js';
import type { WorkflowDetail, WorkflowRecord } from '../workflow-record.js';
import { type StepInfo, toWorkflowDetail, toWorkflowRecord } from './dbos-records.js';

/** Step reads `list` runs at once (each is two queries on DBOS's pool). */
const STEP_READS_IN_FLIGHT = 8;

/** `fn` over `items` with at most `limit` calls in flight; results in the items' order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** What reading and steering workflows needs: the same calls on `DBOS` (in process) and `DBOSClient`. */
export interface DbosOperations {
  listWorkflows(input: GetWorkflowsInput): Promise<WorkflowStatus[]>;
  listWorkflowSteps(workflowId: string): Promise<StepInfo[] | undefined>;
  cancelWorkflow(workflowId: string): Promise<void>;
  resumeWorkflow(workflowId: string): Promise<unknown>;
  send(workflowId: string, message: unknown, topic: string, idempotencyKey: string): Promise<void>;
}

/**
 * get / list / cancel / reply over DBOS's records, shared by the in-process engine and the client.
 * Only the catalog's workflows are visible (by DBOS workflow name).
 */
export class DbosWorkflowQueries {
  readonly #ops: DbosOperations;
  readonly #names: ReadonlyMap<string, WorkflowName>;

  constructor(ops: DbosOperations, catalog: Readonly<Record<WorkflowName, AnyWorkflowDefinition>>) {
    this.#ops = ops;
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
    // DBOS reads one workflow's steps at a time: a few at once rather than one after the other.
    const steps = await mapBounded(known, STEP_READS_IN_FLIGHT, ({ status }) => this.#steps(status.workflowID));
    return known.map(({ status, name }, i) => toWorkflowRecord(status, steps[i] ?? [], name));
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
