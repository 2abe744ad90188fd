import { HostError } from '../errors.js';

/** `${NAME}` or `${NAME:-default}`; NAME as in POSIX shells. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in one string. An unset variable without a default is a
 * config error naming the variable and where it was used (`at`), so a missing secret fails at
 * start-up instead of becoming an empty header.
 *
 * @example expandString('Bearer ${TOKEN}', { TOKEN: 'x' }, 'mcp.config.json: mcpServers.crm.headers.Authorization') // 'Bearer x'
 */
export function expandString(value: string, env: NodeJS.ProcessEnv, at: string): string {
  return value.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    throw new HostError(
      'invalid_config',
      `${at}: environment variable ${name} is not set (write \${${name}:-default} to give a default)`,
      { details: { variable: name } },
    );
  });
}

/**
 * Expands every string inside a parsed JSON value (object keys are left alone). Keys starting with
 * `$` (`$comment`) are documentation and are not expanded.
 */
export function expandEnvDeep(value: unknown, env: NodeJS.ProcessEnv, at: string): unknown {
  if (typeof value === 'string') return expandString(value, env, at);
  if (Array.isArray(value)) return value.map((item, index) => expandEnvDeep(item, env, `${at}[${index}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = key.startsWith('$') ? item : expandEnvDeep(item, env, `${at}.${key}`);
    }
    return out;
  }
  return value;
}
