import { join } from 'node:path';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * A stdio transport to a `ventros` subprocess (through tsx, like the CLI tests): `ventros mcp` by
 * default, or any CLI arguments (`['server', 'format']`). The environment is PATH plus an offline
 * demo tenant over `dataDir`, plus `env`; stderr is piped only when the test reads it.
 */
export function ventrosStdio(
  dataDir: string,
  options: { args?: string[]; logLevel?: string; stderr?: 'pipe' | 'ignore'; env?: Record<string, string> } = {},
): StdioClientTransport {
  return new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...(options.args ?? ['mcp'])],
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      VENTROS_DATA_DIR: dataDir,
      VENTROS_MODEL: 'offline',
      VENTROS_TENANT_ID: 'tenant-demo',
      LOG_LEVEL: options.logLevel ?? 'silent',
      ...options.env,
    },
    stderr: options.stderr ?? 'ignore',
  });
}
