import { DBOS, Error as DbosErrors } from '@dbos-inc/dbos-sdk';
import { logger as defaultLogger, type Logger } from '../../../shared/index.js';
import type { WorkflowClock } from '../clock.js';
import { WorkflowEngineError } from '../errors.js';
import type { CustomerReply } from '../workflow-context.js';
import type { AnyWorkflowDefinition, WorkflowName } from '../workflow-definition.js';
import type { WorkflowEffects } from '../workflow-effects.js';
import type { EngineListFilter, WorkflowAttributes, WorkflowEngine } from '../workflow-engine.js';
import type { WorkflowDetail, WorkflowRecord } from '../workflow-record.js';
import { WORKFLOW_CATALOG } from '../workflows/index.js';
import { DEFAULT_STEP_POLICY, dbosContext, type StepPolicy } from './dbos-context.js';
import { dbosLogger } from './dbos-logger.js';
import { DbosWorkflowQueries } from './dbos-queries.js';
import { DbosStepReader } from './dbos-step-reader.js';

/**
 * The version DBOS records on every workflow. Recovery resumes only workflows of the running
 * version, so it is fixed here rather than DBOS's default hash of the source (which would strand
 * every sleeping workflow at each deploy). Bump it only when a workflow's sequence of steps changes
 * in a way old workflows cannot replay, or guard the change with `DBOS.patch`.
 */
export const WORKFLOWS_VERSION = 'ventros-workflows-1';

/** DBOS's application name for our workflows in the system database. */
export const DBOS_APPLICATION_NAME = 'ventros';

/** The DBOS queue of workflows started from another process (DBOSClient enqueues, the engine runs). */
export const WORKFLOW_QUEUE = 'ventros-workflows';

export interface DbosEngineOptions {
  /** PostgreSQL of DBOS's system tables (`DATABASE_URL`). */
  databaseUrl: string;
  effects: WorkflowEffects;
  clock: WorkflowClock;
  /** Schema of DBOS's tables (default `dbos`); tests use one per file. */
  schema?: string;
  /**
   * Which workflows this process recovers at launch (DBOS: those left PENDING by the same executor
   * id). One process: the default `local`. Several: a stable id each (e.g. the pod name).
   */
  executorId?: string;
  applicationVersion?: string;
  stepPolicy?: Partial<StepPolicy>;
  catalog?: Readonly<Record<WorkflowName, AnyWorkflowDefinition>>;
  logger?: Logger;
  /** Connections of DBOS's pool (default 10). */
  poolSize?: number;
}

type Started = (input: unknown) => Promise<unknown>;

/** Only one engine per process: DBOS is a process-wide singleton. */
let active: DbosWorkflowEngine | undefined;

/**
 * Durable workflows on DBOS (`@dbos-inc/dbos-sdk`): registers the catalog's workflows, launches DBOS
 * on `databaseUrl` (creating or migrating its schema) and recovers the workflows a previous process
 * left unfinished. Close it to shut DBOS down; workflows still sleeping resume on the next launch.
 */
export class DbosWorkflowEngine implements WorkflowEngine {
  readonly #registered: ReadonlyMap<string, Started>;
  readonly #queries: DbosWorkflowQueries;
  readonly #reader: DbosStepReader;
  #closed = false;

  private constructor(
    registered: Map<string, Started>,
    catalog: Readonly<Record<WorkflowName, AnyWorkflowDefinition>>,
    reader: DbosStepReader,
  ) {
    this.#registered = registered;
    this.#reader = reader;
    this.#queries = new DbosWorkflowQueries(
      {
        listWorkflows: (input) => DBOS.listWorkflows(input),
        listWorkflowSteps: (id) => DBOS.listWorkflowSteps(id),
        cancelWorkflow: (id) => DBOS.cancelWorkflow(id),
        resumeWorkflow: (id) => DBOS.resumeWorkflow(id, { queueName: WORKFLOW_QUEUE }),
        send: (id, message, topic, key) => DBOS.send(id, message, topic, key),
      },
      catalog,
      reader,
    );
  }

  /** Registers the workflows and launches DBOS. Throws WorkflowEngineError when one is already running here. */
  static async launch(options: DbosEngineOptions): Promise<DbosWorkflowEngine> {
    if (active) throw new WorkflowEngineError('a DBOS workflow engine is already running in this process');
    const catalog = options.catalog ?? WORKFLOW_CATALOG;
    const policy = { ...DEFAULT_STEP_POLICY, ...options.stepPolicy };
    const registered = new Map<string, Started>();
    for (const definition of Object.values(catalog)) {
      const body = (input: unknown) =>
        definition.run(input, dbosContext(options.effects, options.clock, policy)) as Promise<unknown>;
      registered.set(definition.engineName, DBOS.registerWorkflow(body, { name: definition.engineName }));
    }
    DBOS.setConfig({
      name: DBOS_APPLICATION_NAME,
      systemDatabaseUrl: options.databaseUrl,
      systemDatabaseSchemaName: options.schema ?? 'dbos',
      applicationVersion: options.applicationVersion ?? WORKFLOWS_VERSION,
      logger: dbosLogger(options.logger ?? defaultLogger),
      ...(options.executorId ? { executorID: options.executorId } : {}),
      ...(options.poolSize ? { systemDatabasePoolSize: options.poolSize } : {}),
    });
    const reader = new DbosStepReader({
      databaseUrl: options.databaseUrl,
      schema: options.schema ?? 'dbos',
      log: options.logger ?? defaultLogger,
    });
    const engine = new DbosWorkflowEngine(registered, catalog, reader);
    active = engine;
    try {
      await DBOS.launch();
      // Where DbosClientEngine (the CLI) enqueues the workflows it starts; this process runs them.
      await DBOS.registerQueue(WORKFLOW_QUEUE);
    } catch (error) {
      active = undefined;
      await DBOS.shutdown({ deregister: true }).catch(() => undefined);
      await reader.close().catch(() => undefined);
      throw new WorkflowEngineError(`could not launch DBOS: ${(error as Error).message}`, { cause: error });
    }
    return engine;
  }

  async start(definition: AnyWorkflowDefinition, input: unknown, workflowId: string): Promise<{ created: boolean }> {
    this.#open();
    const fn = this.#registered.get(definition.engineName);
    if (!fn) throw new WorkflowEngineError(`workflow "${definition.name}" is not registered with this engine`);
    const record = input as { tenant_id: string; contact_id: string };
    const attributes: WorkflowAttributes = {
      workflow: definition.name,
      tenant_id: record.tenant_id,
      contact_id: record.contact_id,
    };
    try {
      await DBOS.startWorkflow(fn, {
        workflowID: workflowId,
        workflowAttributes: attributes,
        workflowIDReusePolicy: 'reject',
      })(input);
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

  /**
   * Shuts DBOS down without waiting for running workflows (a sleeping one simply resumes at the next
   * launch) and clears its registry, so a later `launch` in this process starts clean.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await DBOS.shutdown({ deregister: true });
    } finally {
      if (active === this) active = undefined;
      await this.#reader.close().catch(() => undefined);
    }
  }

  #open(): void {
    if (this.#closed) throw new WorkflowEngineError('the workflow engine is closed');
  }
}
