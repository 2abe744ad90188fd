import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { errorMessage } from '../../shared/index.js';
import { HostError } from '../errors.js';
import type { OAuthSettings } from '../oauth/stored-oauth-provider.js';
import { expandEnvDeep } from './expand-env.js';
import {
  BuiltinEntrySchema,
  CONFIG_DEFAULTS,
  DEFAULT_OAUTH_REDIRECT_PORT,
  type HostConfig,
  HostConfigFileSchema,
  type ServerConfig,
  type ServerSettings,
  StdioEntrySchema,
  type UrlEntry,
  UrlEntrySchema,
} from './schema.js';

/** Options of parsing: where relative paths start and which environment `${VAR}` reads. */
export interface ParseHostConfigOptions {
  baseDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads and validates an MCP config file (Claude Desktop's `mcpServers` shape plus our fields).
 * Every failure is a `HostError('invalid_config')` whose message names the file, the server and the
 * field, e.g. `mcp.config.json: mcpServers.memory: expected one of "command", "url" or "builtin"`.
 *
 * @example const config = await loadHostConfig('./mcp.config.json');
 */
export async function loadHostConfig(file: string, options: Omit<ParseHostConfigOptions, 'baseDir'> = {}) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new HostError('invalid_config', `${file}: cannot read the MCP config: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  return parseHostConfig(text, file, { ...options, baseDir: path.dirname(path.resolve(file)) });
}

/**
 * Validates a config given as JSON text or an already parsed value. `source` names it in messages.
 *
 * @example parseHostConfig('{"mcpServers":{"fmt":{"builtin":"format"}}}', 'inline')
 */
export function parseHostConfig(
  json: string | unknown,
  source: string,
  options: ParseHostConfigOptions = {},
): HostConfig {
  const raw = typeof json === 'string' ? parseJson(json, source) : json;
  const file = HostConfigFileSchema.safeParse(raw);
  if (!file.success) throw configError(source, '', file.error);
  const baseDir = options.baseDir ?? process.cwd();
  const env = options.env ?? process.env;
  const servers: ServerConfig[] = [];
  for (const [name, entry] of Object.entries(file.data.mcpServers)) {
    const at = `mcpServers.${name}`;
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
      throw new HostError(
        'invalid_config',
        `${source}: ${at}: a server name must be 1-64 letters, digits, "_", "-" or "."`,
      );
    }
    const expanded = expandEnvDeep(entry, env, `${source}: ${at}`);
    servers.push(parseEntry(name, expanded, source, at, baseDir));
  }
  return { source, baseDir, servers };
}

function parseEntry(name: string, entry: unknown, source: string, at: string, baseDir: string): ServerConfig {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new HostError('invalid_config', `${source}: ${at}: expected an object`);
  }
  const kinds = ['command', 'url', 'builtin'].filter((key) => key in entry);
  if (kinds.length !== 1) {
    const found = kinds.length === 0 ? '' : ` (found ${kinds.map((k) => `"${k}"`).join(' and ')}; give exactly one)`;
    throw new HostError('invalid_config', `${source}: ${at}: expected one of "command", "url" or "builtin"${found}`);
  }
  if (kinds[0] === 'command') {
    const parsed = StdioEntrySchema.safeParse(entry);
    if (!parsed.success) throw configError(source, at, parsed.error);
    const { command, args, env, cwd, protocol } = parsed.data;
    return {
      ...settings(name, parsed.data),
      kind: 'stdio',
      command,
      args: args ?? [],
      protocol: protocol ?? '2025-11-25',
      ...(env ? { env } : {}),
      ...(cwd ? { cwd: path.resolve(baseDir, cwd) } : {}),
    };
  }
  if (kinds[0] === 'url') {
    const parsed = UrlEntrySchema.safeParse(entry);
    if (!parsed.success) throw configError(source, at, parsed.error);
    const { url, headers, transport, type, oauth, protocol } = parsed.data;
    const alias = type === 'sse' ? 'sse' : type === undefined ? undefined : 'http';
    if (transport && alias && transport !== alias) {
      throw new HostError(
        'invalid_config',
        `${source}: ${at}: "type" (${type}) and "transport" (${transport}) disagree`,
      );
    }
    const resolvedTransport = transport ?? alias ?? 'auto';
    if (protocol === '2026-07-28' && resolvedTransport === 'sse') {
      throw new HostError(
        'invalid_config',
        `${source}: ${at}: protocol 2026-07-28 needs Streamable HTTP, not legacy SSE`,
      );
    }
    if (oauth && resolvedTransport === 'sse') {
      throw new HostError('invalid_config', `${source}: ${at}: "oauth" needs Streamable HTTP, not legacy SSE`);
    }
    return {
      ...settings(name, parsed.data),
      kind: 'url',
      url,
      ...(headers ? { headers } : {}),
      // OAuth is spoken over Streamable HTTP only: no SSE fallback.
      transport: oauth && resolvedTransport === 'auto' ? 'http' : resolvedTransport,
      ...(oauth ? { oauth: oauthSettings(oauth) } : {}),
      protocol: protocol ?? 'auto',
    };
  }
  const parsed = BuiltinEntrySchema.safeParse(entry);
  if (!parsed.success) throw configError(source, at, parsed.error);
  return { ...settings(name, parsed.data), kind: 'builtin', builtin: parsed.data.builtin };
}

function oauthSettings(entry: NonNullable<UrlEntry['oauth']>): OAuthSettings {
  const given = entry === true ? {} : entry;
  return {
    ...(given.client_id ? { clientId: given.client_id } : {}),
    ...(given.client_secret ? { clientSecret: given.client_secret } : {}),
    ...(given.scope ? { scope: given.scope } : {}),
    redirectPort: given.redirect_port ?? DEFAULT_OAUTH_REDIRECT_PORT,
  };
}

function settings(
  name: string,
  entry: {
    disabled?: boolean | undefined;
    timeout_ms?: number | undefined;
    connect_timeout_ms?: number | undefined;
    tools?: { allow?: string[] | undefined; deny?: string[] | undefined } | undefined;
    restart?: { max_attempts: number; backoff_ms: number } | undefined;
  },
): ServerSettings {
  return {
    name,
    disabled: entry.disabled ?? false,
    timeoutMs: entry.timeout_ms ?? CONFIG_DEFAULTS.timeoutMs,
    connectTimeoutMs: entry.connect_timeout_ms ?? CONFIG_DEFAULTS.connectTimeoutMs,
    tools: {
      ...(entry.tools?.allow ? { allow: entry.tools.allow } : {}),
      ...(entry.tools?.deny ? { deny: entry.tools.deny } : {}),
    },
    restart: entry.restart
      ? { maxAttempts: entry.restart.max_attempts, backoffMs: entry.restart.backoff_ms }
      : { ...CONFIG_DEFAULTS.restart },
  };
}

/** The first zod issue as `source: path.to.field: message`. */
function configError(source: string, at: string, error: z.ZodError): HostError {
  const issue = error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  const where = [at, field].filter((part) => part !== '').join('.');
  let message = issue?.message ?? 'invalid';
  if (issue?.code === 'unrecognized_keys') message = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return new HostError('invalid_config', `${source}: ${where === '' ? '' : `${where}: `}${message}`, {
    details: { issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
  });
}

/** JSON.parse with the failure located as line:column. */
function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = errorMessage(error);
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (lineColumn) where = ` at line ${lineColumn[1]}, column ${lineColumn[2]}`;
    else if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    } else if (/end of (JSON )?input/i.test(message)) {
      const lines = text.split('\n');
      where = ` at line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1} (unexpected end)`;
    }
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    throw new HostError('invalid_config', `${source}: invalid JSON${where}: ${reason}`, { cause: error });
  }
}
