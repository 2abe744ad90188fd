import type { Command } from 'commander';

/** `ventros chat` — not built yet. */
export function registerChatCommand(program: Command): void {
  program
    .command('chat')
    .description('(not built yet)')
    .action(() => {
      throw new Error('ventros chat is not built yet');
    });
}
