import { DBOSClient, Error as DbosErrors } from '@dbos-inc/dbos-sdk';
import { logger as defaultLogger, type Logger } from '../../../shared/index.js';
import { WorkflowEngineError } from '../errors.js';
import type { CustomerReply } from '../workflow-context.js';
import type { AnyWorkflowDefinition, WorkflowName } from '../workflow-definition.js';
import type { EngineListFilter, WorkflowAttributes, WorkflowEngine } from '../workflow-engine.js';
import type { WorkflowDetail, WorkflowRecord } from '../workflow-record.js';
import { WORKFLOW_CATALOG } from '../workflows/index.js';
import { DBOS_APPLICATION_NAME, WORKFLOW_QUEUE, WORKFLOWS_VERSION } from './dbos-engine.js';
import { dbosLogger } from './dbos-logger.js';
import { DbosWorkflowQueries } from './dbos-queries.js';
import { DbosStepReader } from './dbos-step-reader.js';

export interface DbosClientEngineOptions {
  databaseUrl: string;
  schema?: string;
  catalog?: Readonly<Record<WorkflowName, AnyWorkflowDefinition>>;
  logger?: Logger;
}

/**
 * The workflows seen from another process (the CLI) through `DBOSClient`: it reads, cancels and sends
 * replies in the system database without launching DBOS — launching would recover, that is run, the
 * server's workflows here. `start` enqueues on the `ventros-workflows` queue; a running
 * `DbosWorkflowEngine` picks it up (within about a second or two: queues are polled).
 */
export class DbosClientEngine implements WorkflowEngine {
  readonly #client: DBOSClient;
  readonly #queries: DbosWorkflowQueries;
  readonly #reader: DbosStepReader;
  #closed = false;

  private constructor(
    client: DBOSClient,
    catalog: Readonly<Record<WorkflowName, AnyWorkflowDefinition>>,
    reader: DbosStepReader,
  ) {
    this.#client = client;
    this.#reader = reader;
    this.#queries = new DbosWorkflowQueries(
      {
        listWorkflows: (input) => client.listWorkflows(input),
        listWorkflowSteps: (id) => client.listWorkflowSteps(id),
        cancelWorkflow: (id) => client.cancelWorkflow(id),
        resumeWorkflow: (id) => client.resumeWorkflow(id, { queueName: WORKFLOW_QUEUE }),
        send: (id, message, topic, key) => client.send(id, message, topic, key),
      },
      catalog,
      reader,
    );
  }

  static async connect(options: DbosClientEngineOptions): Promise<DbosClientEngine> {
    try {
      const client = await DBOSClient.create({
        systemDatabaseUrl: options.databaseUrl,
        systemDatabaseSchemaName: options.schema ?? 'dbos',
        applicationName: DBOS_APPLICATION_NAME,
        logger: dbosLogger(options.logger ?? defaultLogger),
        systemDatabasePoolSize: 2,
      });
      const reader = new DbosStepReader({
        databaseUrl: options.databaseUrl,
        schema: options.schema ?? 'dbos',
        log: options.logger ?? defaultLogger,
      });
      return new DbosClientEngine(client, options.catalog ?? WORKFLOW_CATALOG, reader);
    } catch (error) {
      throw new WorkflowEngineError(`could not connect to the workflow database: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async start(definition: AnyWorkflowDefinition, input: unknown, workflowId: string): Promise<{ created: boolean }> {
    this.#open();
    const record = input as { tenant_id: string; contact_id: string };
    const attributes: WorkflowAttributes = {
      workflow: definition.name,
      tenant_id: record.tenant_id,
      contact_id: record.contact_id,
    };
    try {
      await this.#client.enqueue(
        {
          queueName: WORKFLOW_QUEUE,
          workflowName: definition.engineName,
          workflowID: workflowId,
          workflowIDReusePolicy: 'reject',
          appVersion: WORKFLOWS_VERSION,
          attributes,
        },
        input,
      );
      return { created: true };
    } catch (error) {
      if (DbosErrors.isWorkflowIDInUseError(error)) return { created: false };
      throw error;
    }
  }

  get(workflowId: string): Promise<WorkflowDetail | undefined> {
    this.#open();
    return this.#queries.get(workflowId);
  }

  list(filter: EngineListFilter): Promise<WorkflowRecord[]> {
    this.#open();
    return this.#queries.list(filter);
  }

  cancel(workflowId: string): Promise<void> {
    this.#open();
    return this.#queries.cancel(workflowId);
  }

  resume(workflowId: string): Promise<void> {
    this.#open();
    return this.#queries.resume(workflowId);
  }

  sendReply(workflowId: string, reply: CustomerReply, idempotencyKey: string): Promise<void> {
    this.#open();
    return this.#queries.sendReply(workflowId, reply, idempotencyKey);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#client.destroy();
    } finally {
      await this.#reader.close().catch(() => undefined);
    }
  }

  #open(): void {
    if (this.#closed) throw new WorkflowEngineError('the workflow client is closed');
  }
}
