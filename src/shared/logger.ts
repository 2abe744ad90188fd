import { type Logger, pino } from 'pino';

/**
 * The process logger. It writes JSON lines to stderr, never stdout: stdout belongs to the MCP stdio
 * transport when we run as `ventros mcp` or `ventros server <name>`.
 */
export const logger: Logger = pino(
  { name: 'ventros', level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info') },
  pino.destination({ fd: 2, sync: false }),
);

export type { Logger };
