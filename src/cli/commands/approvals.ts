import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_TENANT_ID } from '../../shared/defaults.js';

const STATUSES = ['pending', 'approved', 'rejected', 'expired'];

function status(raw: string): string {
  if (!STATUSES.includes(raw)) throw new InvalidArgumentError(`expected one of ${STATUSES.join(', ')}`);
  return raw;
}

const tenantOption = ['--tenant <id>', 'tenant (default: $VENTROS_TENANT_ID or tenant-demo)'] as const;
const defaultTenant = () => process.env.VENTROS_TENANT_ID || DEFAULT_TENANT_ID;

/**
 * `ventros approvals list|show|approve|reject` — gated actions waiting for a person. `approve` and
 * `reject` resume the paused run in this process and print its answer.
 */
export function registerApprovalsCommand(program: Command): void {
  const approvals = program
    .command('approvals')
    .description('gated actions waiting for a person (offers above 30 %, high-value customers, severe escalations)');

  approvals
    .command('list')
    .description('approvals newest first')
    .option('--status <status>', `only this status: ${STATUSES.join(', ')}`, status)
    .option(...tenantOption, defaultTenant())
    .option('--json', 'print JSON')
    .action(async (options: { status?: string; tenant: string; json?: boolean }) => {
      const { listApprovals } = await import('../actions/approvals.js');
      await listApprovals(options);
    });

  approvals
    .command('show')
    .description('one approval: the action, its arguments, why it waits, and the decision')
    .argument('<id>', 'the approval id')
    .option(...tenantOption, defaultTenant())
    .option('--json', 'print JSON')
    .action(async (id: string, options: { tenant: string; json?: boolean }) => {
      const { showApproval } = await import('../actions/approvals.js');
      await showApproval(id, options);
    });

  for (const decision of ['approve', 'reject'] as const) {
    const command = approvals
      .command(decision)
      .description(
        decision === 'approve'
          ? 'approve: the paused run does the action (with --args, edited) and answers the customer'
          : 'reject: the paused run tells the model (with your --note) and answers the customer',
      )
      .argument('<id>', 'the approval id')
      .option(...tenantOption, defaultTenant())
      .option('--note <text>', 'a note the model reads')
      .option('--json', 'print JSON');
    if (decision === 'approve')
      command.option('--args <json>', 'the arguments to run the action with, as a JSON object');
    command.action(
      async (id: string, options: { tenant: string; note?: string; args?: string; json?: boolean }, cmd: Command) => {
        const { decideApproval } = await import('../actions/approvals.js');
        await decideApproval(decision, id, options, cmd);
      },
    );
  }
}
