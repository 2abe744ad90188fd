import type { Command } from 'commander';
import { DEFAULT_TENANT_ID } from '../../shared/defaults.js';

/** `ventros chat [--agent A] [--contact ID]`. */
export function registerChatCommand(program: Command): void {
  program
    .command('chat')
    .description('talk to an agent interactively (reads lines from stdin; /agent, /reset, /exit)')
    .option('--agent <id>', 'agent to talk to (default: auto routing)', 'auto')
    .option('--contact <id>', 'contact you are speaking as')
    .option(
      '--tenant <id>',
      'tenant (default: $VENTROS_TENANT_ID or tenant-demo)',
      process.env.VENTROS_TENANT_ID || DEFAULT_TENANT_ID,
    )
    .option('--session <id>', 'resume this session')
    .option(
      '--as <audience>',
      'who you play: customer (default; customer-facing agents, your own data) or staff',
      'customer',
    )
    .action(
      async (options: { agent: string; contact?: string; tenant: string; session?: string; as?: string }, command) => {
        const { runChat } = await import('../actions/chat.js');
        await runChat(options, command);
      },
    );
}
