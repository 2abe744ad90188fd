import { z } from 'zod';
import {
  DbosClientEngine,
  type WorkflowDetail,
  type WorkflowRecord,
  WorkflowService,
} from '../../agents/durable-workflows/index.js';
import { InvalidInputError, loadEnv, VentrosError } from '../../shared/index.js';

/** The command's own error: DATABASE_URL missing. */
class WorkflowsConfigError extends VentrosError {
  constructor(message: string) {
    super('failed_precondition', message);
  }
}

/**
 * Connects to the workflows' system database (DATABASE_URL, schema VENTROS_WORKFLOW_SCHEMA) as a
 * DBOS client — not an engine: this process runs no workflow — runs `fn`, disconnects.
 */
async function withWorkflows<T>(fn: (service: WorkflowService) => Promise<T>): Promise<T> {
  const env = loadEnv();
  if (!env.DATABASE_URL) {
    throw new WorkflowsConfigError(
      'DATABASE_URL is not set: durable workflows live in PostgreSQL ' +
        '(e.g. DATABASE_URL=postgres://user:pass@127.0.0.1:5432/ventros ventros workflows list)',
    );
  }
  // DBOS's pool hook trips a pg deprecation warning on connect (harmless, see docs/WORKFLOWS.md); a
  // one-shot command's output is no place for it.
  process.noDeprecation = true;
  const engine = await DbosClientEngine.connect({
    databaseUrl: env.DATABASE_URL,
    ...(env.VENTROS_WORKFLOW_SCHEMA ? { schema: env.VENTROS_WORKFLOW_SCHEMA } : {}),
  });
  try {
    return await fn(new WorkflowService(engine));
  } finally {
    await engine.close();
  }
}

const print = (json: boolean | undefined, value: unknown, human: string) =>
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);

/** One line per workflow, for a terminal. */
export function formatWorkflowRecords(records: readonly WorkflowRecord[]): string {
  if (records.length === 0) return 'No workflows.';
  return records
    .map((r) => {
      const wakes = r.wakes_at ? `  wakes ${r.wakes_at}` : '';
      const error = r.error ? `\n    error: ${r.error}` : '';
      const steps = r.steps_done.length > 0 ? r.steps_done.join(', ') : '-';
      return `${r.id}  ${r.workflow}  ${r.status}${wakes}\n    contact ${r.contact_id} (${r.tenant_id})  steps: ${steps}${error}`;
    })
    .join('\n');
}

/** A workflow with its steps, for a terminal. */
export function formatWorkflowDetail(w: WorkflowDetail): string {
  const steps = w.steps.map((s) => {
    const when = s.kind === 'sleep' ? `until ${s.until ?? '?'}` : (s.completed_at ?? s.started_at ?? '');
    return `    ${s.status.padEnd(9)} ${s.name}  ${when}${s.error ? `  error: ${s.error}` : ''}`;
  });
  return [
    formatWorkflowRecords([w]),
    `  input:  ${JSON.stringify(w.input)}`,
    '  steps:',
    ...(steps.length > 0 ? steps : ['    (none yet)']),
    `  result: ${JSON.stringify(w.result)}`,
  ].join('\n');
}

const StartDataSchema = z.record(z.string(), z.unknown());

/** `ventros workflows start <name> --contact ID [--tenant ID] [--data JSON]`. */
export async function startWorkflow(
  name: string,
  options: { contact: string; tenant: string; data?: string; json?: boolean },
): Promise<void> {
  let data: Record<string, unknown> = {};
  if (options.data !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(options.data);
    } catch {
      throw new InvalidInputError('--data is not valid JSON');
    }
    const parsed = StartDataSchema.safeParse(raw);
    if (!parsed.success) throw new InvalidInputError('--data must be a JSON object');
    data = parsed.data;
  }
  const request = { ...data, tenant_id: options.tenant, contact_id: options.contact };
  const { workflow, created } = await withWorkflows((service) => service.start(name, request));
  const human = created
    ? `Started ${workflow.id} (queued: a running \`ventros serve\` with the same DATABASE_URL runs it).`
    : `${workflow.id} already exists (${workflow.status}); nothing started.`;
  print(options.json, { created, workflow }, human);
}

/** `ventros workflows list [--status S] [--workflow W] [--tenant T] [--contact C] [--limit N]`. */
export async function listWorkflows(options: {
  status?: string;
  workflow?: string;
  tenant?: string;
  contact?: string;
  limit: number;
  json?: boolean;
}): Promise<void> {
  const records = await withWorkflows((service) =>
    service.list({
      limit: options.limit,
      ...(options.status ? { status: options.status as WorkflowRecord['status'] } : {}),
      ...(options.workflow ? { workflow: options.workflow } : {}),
      ...(options.tenant ? { tenant_id: options.tenant } : {}),
      ...(options.contact ? { contact_id: options.contact } : {}),
    }),
  );
  print(options.json, records, formatWorkflowRecords(records));
}

/** `ventros workflows show <id>`. */
export async function showWorkflow(id: string, options: { json?: boolean }): Promise<void> {
  const workflow = await withWorkflows((service) => service.show(id));
  print(options.json, workflow, formatWorkflowDetail(workflow));
}

/** `ventros workflows cancel <id>`. */
export async function cancelWorkflow(id: string, options: { json?: boolean }): Promise<void> {
  const workflow = await withWorkflows((service) => service.cancel(id));
  const human =
    workflow.status === 'cancelled'
      ? `Cancelled ${workflow.id}: no step runs after this.`
      : `${workflow.id} had already finished (${workflow.status}); nothing to cancel.`;
  print(options.json, workflow, human);
}

/** `ventros workflows resume <id>`. */
export async function resumeWorkflow(id: string, options: { json?: boolean }): Promise<void> {
  const workflow = await withWorkflows((service) => service.resume(id));
  const human =
    workflow.status === 'completed' || workflow.status === 'failed'
      ? `${workflow.id} had already finished (${workflow.status}); nothing to resume.`
      : `Resumed ${workflow.id}: a running \`ventros serve\` continues it from its recorded steps.`;
  print(options.json, workflow, human);
}
