import type { Command } from 'commander';
import { DEFAULT_TENANT_ID } from '../../shared/defaults.js';

/** `ventros run <agent|auto> "<message>"`. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run one message through an agent (or `auto`: route it) and print the answer')
    .argument('<agent>', 'a template id, a workflow, coordinator, or auto')
    .argument('<message>', 'the customer message')
    .option('--contact <id>', 'contact the message is from')
    .option(
      '--tenant <id>',
      'tenant (default: $VENTROS_TENANT_ID or tenant-demo)',
      process.env.VENTROS_TENANT_ID || DEFAULT_TENANT_ID,
    )
    .option('--session <id>', 'session id (keeps the conversation across runs)')
    .option('--json', 'print the execution result as JSON')
    .option('--as <audience>', 'who the run is for: staff (default; any agent, any contact) or customer', 'staff')
    .action(async (agent: string, message: string, options, command: Command) => {
      const { runOnce } = await import('../actions/run.js');
      await runOnce(agent, message, options, command);
    });
}
