import { hostname } from 'node:os';
import type { AgentApplication } from '../../agents/application/index.js';
import type { StepPolicy, WorkflowEventOutcome, WorkflowService } from '../../agents/durable-workflows/index.js';
import type { OutboxStore } from '../../bridge/outbox/index.js';
import { type Env, InvalidInputError, type Logger, logger } from '../../shared/index.js';
import type { App } from '../create-app.js';
import { createWorkflowEffects } from './workflow-effects.js';

/** What `serve` logs when DATABASE_URL is not set. */
export const WORKFLOWS_OFF_MESSAGE =
  'durable workflows are off: set DATABASE_URL=postgres://… to run lead nurturing, onboarding and retention campaigns';

export interface StartWorkflowsOptions {
  env: Pick<Env, 'DATABASE_URL' | 'VENTROS_INSTANCE_ID' | 'VENTROS_WORKFLOW_CLOCK_SCALE' | 'VENTROS_WORKFLOW_SCHEMA'>;
  /** The composed application: its `execute`, host and sessions become the workflows' effects. */
  app: Pick<App, 'execute' | 'host' | 'sessions'>;
  /** Where workflow messages are queued (shared with the RabbitMQ bridge's publisher); needed with DATABASE_URL. */
  outbox: OutboxStore | undefined;
  /** Wakes the outbox publisher after a message was queued. */
  onQueued?: () => void;
  /** Retries of effect steps (tests make them fast). */
  stepPolicy?: Partial<StepPolicy>;
  log?: Logger;
}

/** The workflow engine running in this process, and what the bridges and the CLI use of it. */
export interface RunningWorkflows {
  readonly service: WorkflowService;
  /** The DBOS executor id: whose unfinished workflows this instance resumed and now owns. */
  readonly executorId: string;
  readonly clockScale: number;
  /** `app` with each customer message also handed to the contact's waiting workflows. */
  deliveringReplies<T extends AgentApplication>(app: T): T;
  /** One `contact.created`, `subscription.created`, `churn_risk.detected` or `session.ended` event. */
  handleEvent(event: unknown): Promise<WorkflowEventOutcome>;
  /** Shuts the engine down; sleeping workflows resume at the next start. */
  close(): Promise<void>;
}

/**
 * Launches the durable workflows when `DATABASE_URL` is set (DBOS on that PostgreSQL), with effects
 * over the application, the host and the outbox; otherwise logs {@link WORKFLOWS_OFF_MESSAGE} and
 * returns undefined. The executor id is `VENTROS_INSTANCE_ID`, else the host name: stable across a
 * restart, which is what lets a restarted instance resume its own sleeping workflows. DBOS is loaded
 * only here, so a `serve` without workflows never loads it.
 */
export async function startWorkflows(options: StartWorkflowsOptions): Promise<RunningWorkflows | undefined> {
  const log = options.log ?? logger.child({ component: 'workflows' });
  const { env } = options;
  if (!env.DATABASE_URL) {
    log.info(WORKFLOWS_OFF_MESSAGE);
    return undefined;
  }
  if (!options.outbox) throw new InvalidInputError('startWorkflows: an outbox is needed to send workflow messages');
  const wf = await import('../../agents/durable-workflows/index.js');
  const clockScale = wf.parseClockScale(env.VENTROS_WORKFLOW_CLOCK_SCALE);
  const executorId = env.VENTROS_INSTANCE_ID ?? hostname();
  const effects = createWorkflowEffects({
    app: options.app,
    host: options.app.host,
    sessions: options.app.sessions,
    outbox: options.outbox,
    ...(options.onQueued ? { onQueued: options.onQueued } : {}),
  });
  const engine = await wf.DbosWorkflowEngine.launch({
    databaseUrl: env.DATABASE_URL,
    effects,
    clock: wf.createWorkflowClock(clockScale),
    executorId,
    logger: log,
    ...(env.VENTROS_WORKFLOW_SCHEMA ? { schema: env.VENTROS_WORKFLOW_SCHEMA } : {}),
    ...(options.stepPolicy ? { stepPolicy: options.stepPolicy } : {}),
  });
  const service = new wf.WorkflowService(engine);
  log.info(
    { executor: executorId, clockScale, schema: env.VENTROS_WORKFLOW_SCHEMA ?? 'dbos' },
    'durable workflows running',
  );
  return {
    service,
    executorId,
    clockScale,
    deliveringReplies: (app) =>
      wf.deliveringReplies(app, (reply) => service.deliverReply(reply), log.child({ component: 'workflow-replies' })),
    handleEvent: (event) => wf.handleWorkflowEvent({ service, effects }, event),
    close: () => engine.close(),
  };
}
