import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_TENANT_ID } from '../../shared/defaults.js';

const STATUSES = ['running', 'sleeping', 'completed', 'failed', 'cancelled'];

function status(raw: string): string {
  if (!STATUSES.includes(raw)) throw new InvalidArgumentError(`expected one of ${STATUSES.join(', ')}`);
  return raw;
}

function limit(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new InvalidArgumentError('expected an integer 1-500');
  return n;
}

/**
 * `ventros workflows start|list|show|cancel|resume` — the durable workflows in PostgreSQL ($DATABASE_URL),
 * managed from outside the server: `start` queues the workflow for a running `ventros serve`, the others
 * read and steer the engine's records directly.
 */
export function registerWorkflowsCommand(program: Command): void {
  const workflows = program
    .command('workflows')
    .description(
      'durable workflows (lead_nurturing, customer_onboarding, retention_campaign) in PostgreSQL ($DATABASE_URL): ' +
        'start one for `ventros serve` to run, list, show, cancel or resume them',
    );

  workflows
    .command('start')
    .description('start a workflow for a contact (idempotent: a contact gets one of each; a running serve runs it)')
    .argument('<name>', 'lead_nurturing, customer_onboarding or retention_campaign')
    .requiredOption('--contact <id>', 'the contact (lead or customer) the workflow is about')
    .option(
      '--tenant <id>',
      'tenant (default: $VENTROS_TENANT_ID or tenant-demo)',
      process.env.VENTROS_TENANT_ID || DEFAULT_TENANT_ID,
    )
    .option('--data <json>', 'more start fields as a JSON object, e.g. \'{"risk_score":0.8,"reasons":["price"]}\'')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { contact: string; tenant: string; data?: string; json?: boolean }) => {
      const { startWorkflow } = await import('../actions/workflows.js');
      await startWorkflow(name, options);
    });

  workflows
    .command('list')
    .description('workflows newest first, with their status and the steps done')
    .option('--status <status>', `only this status: ${STATUSES.join(', ')}`, status)
    .option('--workflow <name>', 'only this workflow')
    .option('--tenant <id>', 'only this tenant (default: all)')
    .option('--contact <id>', "only this contact's")
    .option('--limit <n>', 'at most this many (1-500)', limit, 100)
    .option('--json', 'print JSON')
    .action(
      async (options: {
        status?: string;
        workflow?: string;
        tenant?: string;
        contact?: string;
        limit: number;
        json?: boolean;
      }) => {
        const { listWorkflows } = await import('../actions/workflows.js');
        await listWorkflows(options);
      },
    );

  workflows
    .command('show')
    .description('one workflow: its start request, every step (sleeps and reply waits too) and its result')
    .argument('<id>', 'the workflow id, e.g. lead-nurturing-contact-1@tenant-demo')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const { showWorkflow } = await import('../actions/workflows.js');
      await showWorkflow(id, options);
    });

  workflows
    .command('cancel')
    .description('cancel a workflow: no step runs after it (a finished one stays as it is)')
    .argument('<id>', 'the workflow id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const { cancelWorkflow } = await import('../actions/workflows.js');
      await cancelWorkflow(id, options);
    });

  workflows
    .command('resume')
    .description(
      'run an unfinished or cancelled workflow again from its recorded steps on any running serve ' +
        '(for the workflows of an instance that is gone for good)',
    )
    .argument('<id>', 'the workflow id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const { resumeWorkflow } = await import('../actions/workflows.js');
      await resumeWorkflow(id, options);
    });
}
