import { type Logger, pino } from 'pino';
import { prettyStderr } from './log-format.js';
import { logTraceFields } from './telemetry/log-trace.js';

/**
 * Readable lines when stderr is a terminal, JSON lines otherwise (files, pipes, log collectors);
 * `LOG_FORMAT=json` or `LOG_FORMAT=pretty` decides instead.
 */
function wantsPretty(): boolean {
  const format = process.env.LOG_FORMAT?.toLowerCase();
  if (format === 'json') return false;
  if (format === 'pretty') return true;
  return process.stderr.isTTY === true;
}

/**
 * The process logger. It writes to stderr, never stdout: stdout belongs to the MCP stdio transport when
 * we run as `ventros mcp` or `ventros server <name>`. Its level is `LOG_LEVEL` (the CLI's `--quiet` and
 * `--verbose` set it), default `info`.
 */
export const logger: Logger = pino(
  {
    name: 'ventros',
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    // Lines written inside a traced tool or model call carry its trace_id and span_id.
    mixin: logTraceFields,
  },
  // Synchronous either way: commands end with process.exit, which would drop lines still in a buffer.
  wantsPretty() ? prettyStderr(process.env.NO_COLOR === undefined) : pino.destination({ fd: 2, sync: true }),
);

export type { Logger };
