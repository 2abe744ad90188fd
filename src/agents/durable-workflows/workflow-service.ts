import { z } from 'zod';
import { InvalidWorkflowInputError, UnknownWorkflowError, WorkflowNotFoundError } from './errors.js';
import { CustomerReplySchema } from './workflow-context.js';
import { type AnyWorkflowDefinition, type WorkflowName, workflowIdOf } from './workflow-definition.js';
import type { WorkflowEngine } from './workflow-engine.js';
import { type WorkflowDetail, type WorkflowRecord, WorkflowStatusSchema } from './workflow-record.js';
import { WORKFLOW_CATALOG } from './workflows/index.js';

/** The largest page `list` returns. */
export const MAX_LIST_LIMIT = 500;

/** Filters of `list` (the CLI's `--status`, the HTTP query). */
export const ListWorkflowsQuerySchema = z.object({
  status: WorkflowStatusSchema.optional(),
  workflow: z.string().max(60).optional(),
  tenant_id: z.string().min(1).max(200).optional(),
  contact_id: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(100),
});

export type ListWorkflowsQuery = z.input<typeof ListWorkflowsQuerySchema>;

/** A customer's message on its way to the workflows waiting for one. */
export const DeliverReplySchema = z.object({
  tenant_id: z.string().min(1).max(200),
  contact_id: z.string().min(1).max(200),
  text: z.string().max(20_000),
  /** The inbound message id: delivering the same message twice delivers it once. */
  message_id: z.string().min(1).max(200).optional(),
  received_at: z.string().max(40).optional(),
});

export type DeliverReply = z.input<typeof DeliverReplySchema>;

/** Who asks: a tenant-scoped caller sees only its tenant's workflows; omitted, the operator sees all. */
export interface Scope {
  tenantId?: string;
}

/**
 * Starts, lists, shows and cancels durable workflows, and hands customers' replies to the workflows
 * waiting for them. The one entry point for the HTTP route, the CLI and the event consumer.
 */
export class WorkflowService {
  readonly #engine: WorkflowEngine;
  readonly #catalog: Readonly<Record<string, AnyWorkflowDefinition>>;

  constructor(
    engine: WorkflowEngine,
    catalog: Readonly<Record<WorkflowName, AnyWorkflowDefinition>> = WORKFLOW_CATALOG,
  ) {
    this.#engine = engine;
    this.#catalog = catalog;
  }

  /** Public names of the workflows (`lead_nurturing`, ...). */
  get names(): WorkflowName[] {
    return Object.keys(this.#catalog) as WorkflowName[];
  }

  /**
   * Starts workflow `name` for the request (snake_case: `tenant_id`, `contact_id`, ...). Idempotent:
   * the id is derived from the request (`lead-nurturing-{contact_id}@{tenant_id}`), so a second start
   * returns the workflow the first one started, with `created: false`.
   */
  async start(name: string, request: unknown): Promise<{ workflow: WorkflowDetail; created: boolean }> {
    const definition = this.#definition(name);
    const parsed = definition.input.safeParse(request);
    if (!parsed.success) {
      throw new InvalidWorkflowInputError(`invalid ${name} start request: ${z.prettifyError(parsed.error)}`);
    }
    const id = workflowIdOf(definition, parsed.data);
    const { created } = await this.#engine.start(definition, parsed.data, id);
    const workflow = await this.#engine.get(id);
    if (!workflow) throw new WorkflowNotFoundError(id);
    return { workflow, created };
  }

  /** Newest first. A `status` filter of running or sleeping reads only the unfinished workflows. */
  async list(query: ListWorkflowsQuery = {}, scope: Scope = {}): Promise<WorkflowRecord[]> {
    const q = ListWorkflowsQuerySchema.parse(query);
    const tenantId = scope.tenantId ?? q.tenant_id;
    if (scope.tenantId && q.tenant_id && q.tenant_id !== scope.tenantId) return [];
    const records = await this.#engine.list({
      ...(tenantId ? { tenantId } : {}),
      ...(q.contact_id ? { contactId: q.contact_id } : {}),
      ...(q.workflow ? { workflows: [this.#definition(q.workflow)] } : {}),
      activeOnly: q.status === 'running' || q.status === 'sleeping',
      limit: q.limit,
    });
    return q.status ? records.filter((r) => r.status === q.status) : records;
  }

  /** One workflow with its steps; WorkflowNotFoundError when unknown or another tenant's. */
  async show(id: string, scope: Scope = {}): Promise<WorkflowDetail> {
    const workflow = await this.#engine.get(id);
    if (!workflow || (scope.tenantId !== undefined && workflow.tenant_id !== scope.tenantId)) {
      throw new WorkflowNotFoundError(id);
    }
    return workflow;
  }

  /**
   * Cancels a workflow: no step runs after it. A sleeping workflow is marked cancelled at once and
   * never wakes. Cancelling a finished workflow changes nothing. Returns the workflow as it is now.
   */
  async cancel(id: string, scope: Scope = {}): Promise<WorkflowDetail> {
    const workflow = await this.show(id, scope);
    if (workflow.status === 'running' || workflow.status === 'sleeping') await this.#engine.cancel(id);
    return this.show(id, scope);
  }

  /**
   * Queues an unfinished or cancelled workflow to run again from its recorded steps on any running
   * engine (completed steps are not repeated). Meant for the workflows of an instance that is gone for
   * good (DBOS resumes a workflow at start only in the instance that ran it); resuming one that another
   * instance is still running may run its current step twice. A finished workflow is returned as is.
   */
  async resume(id: string, scope: Scope = {}): Promise<WorkflowDetail> {
    const workflow = await this.show(id, scope);
    if (workflow.status === 'completed' || workflow.status === 'failed') return workflow;
    await this.#engine.resume(id);
    return this.show(id, scope);
  }

  /**
   * Hands a customer's message to every unfinished workflow of that contact; a workflow waiting for
   * engagement wakes up with it, the others find it when they next wait. Returns the workflow ids.
   */
  async deliverReply(reply: DeliverReply): Promise<{ delivered_to: string[] }> {
    const r = DeliverReplySchema.parse(reply);
    const active = await this.#engine.list({
      tenantId: r.tenant_id,
      contactId: r.contact_id,
      activeOnly: true,
      withSteps: false,
      limit: MAX_LIST_LIMIT,
    });
    const message = CustomerReplySchema.parse({
      text: r.text,
      ...(r.message_id ? { message_id: r.message_id } : {}),
      received_at: r.received_at ?? new Date().toISOString(),
    });
    const delivered: string[] = [];
    for (const workflow of active) {
      if (workflow.status !== 'running' && workflow.status !== 'sleeping') continue;
      await this.#engine.sendReply(workflow.id, message, r.message_id ?? `${workflow.id}:${message.received_at}`);
      delivered.push(workflow.id);
    }
    return { delivered_to: delivered };
  }

  #definition(name: string): AnyWorkflowDefinition {
    const definition = this.#catalog[name];
    if (!definition) throw new UnknownWorkflowError(name, this.names);
    return definition;
  }
}
