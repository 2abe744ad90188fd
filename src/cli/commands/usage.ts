import type { Command } from 'commander';

/** `ventros usage [--url URL] [--token T] [--tenant ID] [--json]`. */
export function registerUsageCommand(program: Command): void {
  program
    .command('usage')
    .description(
      "each tenant's requests, model tokens and estimated cost today, and its limits (asks a running `ventros serve`)",
    )
    .option('--url <url>', 'the server (default http://127.0.0.1:$PORT, PORT default 8000)')
    .option('--token <token>', 'a staff bearer token (default: the first of VENTROS_API_TOKENS, if any)')
    .option('--tenant <id>', 'one tenant only')
    .option('--json', 'print JSON')
    .action(async (options: { url?: string; token?: string; tenant?: string; json?: boolean }) => {
      const { showUsage } = await import('../actions/usage.js');
      await showUsage(options);
    });
}
