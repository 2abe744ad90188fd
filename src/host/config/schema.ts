import { z } from 'zod';
import type { OAuthSettings } from '../oauth/stored-oauth-provider.js';

/** Fields of ours that any server entry may carry, whatever its kind. */
const commonShape = {
  /** Documentation only. */
  $comment: z.string().optional(),
  disabled: z.boolean().optional(),
  /** Deadline of one tool call, in ms. */
  timeout_ms: z.int().min(1).max(3_600_000).optional(),
  /** Deadline of connect + initialize + first listings, in ms. */
  connect_timeout_ms: z.int().min(1).max(600_000).optional(),
  /** Glob filters over the server's bare tool names; deny wins over allow. */
  tools: z
    .strictObject({
      allow: z.array(z.string().min(1)).optional(),
      deny: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  /** Restart policy of a crashed stdio server. */
  restart: z
    .strictObject({
      max_attempts: z.int().min(0).max(20),
      backoff_ms: z.int().min(1).max(60_000),
    })
    .optional(),
};

/**
 * Which MCP protocol revision the host speaks to a server: `auto` probes with 2026-07-28's
 * `server/discover` and falls back to the 2025-11-25 `initialize` handshake; a revision pins it.
 */
export const ProtocolSchema = z.enum(['auto', '2025-11-25', '2026-07-28']);
export type ProtocolChoice = z.infer<typeof ProtocolSchema>;

/** A server run as a child process speaking MCP on stdio (Claude Desktop's shape). */
export const StdioEntrySchema = z.strictObject({
  ...commonShape,
  /**
   * Default `2025-11-25`: on stdio the SDK's `auto` probe spawns a second, short-lived copy of the
   * server, and a 2025-only server that ignores the probe stalls connect until the probe's deadline.
   */
  protocol: ProtocolSchema.optional(),
  type: z.literal('stdio').optional(),
  command: z.string().min(1),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().min(1).optional(),
});

/** A remote server: Streamable HTTP, legacy SSE, or (transport unset) HTTP first with SSE fallback. */
export const UrlEntrySchema = z.strictObject({
  ...commonShape,
  /** VS Code / Cursor spell the transport `type`; accepted as an alias of `transport`. */
  type: z.enum(['http', 'sse', 'streamable-http']).optional(),
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  headers: z.record(z.string(), z.string()).optional(),
  transport: z.enum(['http', 'sse']).optional(),
  /** Default `auto` (one extra round trip against a 2025-only server); legacy SSE is 2025-11-25 only. */
  protocol: ProtocolSchema.optional(),
  /**
   * OAuth 2.1 to the server (`ventros mcp login <name>` logs in once; tokens are kept in the data dir):
   * `true` registers a client dynamically; an object names a pre-registered one.
   */
  oauth: z
    .union([
      z.literal(true),
      z.strictObject({
        client_id: z.string().min(1).optional(),
        client_secret: z.string().min(1).optional(),
        scope: z.string().min(1).optional(),
        redirect_port: z.number().int().min(1).max(65_535).optional(),
      }),
    ])
    .optional(),
});

/** One of our own servers run in this process (linked with an in-memory transport). */
export const BuiltinEntrySchema = z.strictObject({
  ...commonShape,
  builtin: z.string().min(1),
});

/** The file's top level. Other top-level keys (Claude Desktop has several) are ignored. */
export const HostConfigFileSchema = z.looseObject({
  $comment: z.string().optional(),
  mcpServers: z.record(z.string(), z.unknown()),
});

export type StdioEntry = z.infer<typeof StdioEntrySchema>;
export type UrlEntry = z.infer<typeof UrlEntrySchema>;
export type BuiltinEntry = z.infer<typeof BuiltinEntrySchema>;

/** The loopback port `ventros mcp login` listens on for a pre-registered client's redirect. */
export const DEFAULT_OAUTH_REDIRECT_PORT = 8976;

/** Defaults of the fields above. */
export const CONFIG_DEFAULTS = {
  timeoutMs: 30_000,
  connectTimeoutMs: 15_000,
  restart: { maxAttempts: 3, backoffMs: 500 },
} as const;

/** Settings every kind of server shares, normalized (camelCase, defaults applied). */
export interface ServerSettings {
  /** The key under `mcpServers`. */
  name: string;
  disabled: boolean;
  timeoutMs: number;
  connectTimeoutMs: number;
  tools: { allow?: string[]; deny?: string[] };
  restart: { maxAttempts: number; backoffMs: number };
}

export interface StdioServerConfig extends ServerSettings {
  kind: 'stdio';
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Absolute; relative paths in the file are resolved against the file's folder. */
  cwd?: string;
  protocol: ProtocolChoice;
}

export interface UrlServerConfig extends ServerSettings {
  kind: 'url';
  url: string;
  headers?: Record<string, string>;
  /** `auto`: Streamable HTTP first, legacy SSE when that answers 4xx. */
  transport: 'http' | 'sse' | 'auto';
  /** OAuth to this server (Streamable HTTP only); tokens come from `ventros mcp login`. */
  oauth?: OAuthSettings;
  protocol: ProtocolChoice;
}

export interface BuiltinServerConfig extends ServerSettings {
  kind: 'builtin';
  builtin: string;
}

/** One configured server, validated and normalized. */
export type ServerConfig = StdioServerConfig | UrlServerConfig | BuiltinServerConfig;

/** A whole validated config. */
export interface HostConfig {
  /** Where it came from (a path, or a label for inline configs), used in messages. */
  source: string;
  /** Folder relative paths resolve against; also the default root offered to servers. */
  baseDir: string;
  servers: ServerConfig[];
}
