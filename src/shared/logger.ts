import { type Logger, pino } from 'pino';

/**
 * The process logger. It writes JSON lines to stderr, never stdout: stdout belongs to the MCP stdio
 * transport when we run as `ventros mcp` or `ventros server <name>`.
 */
export const logger: Logger = pino(
  { name: 'ventros', level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info') },
  // Synchronous: commands end with process.exit, which would drop lines still in an async buffer.
  pino.destination({ fd: 2, sync: true }),
);

export type { Logger };
