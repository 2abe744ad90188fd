import type { Transport } from '@modelcontextprotocol/client';
import { InMemoryTransport, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { ServerConfig } from '../config/index.js';
import { HostError } from '../errors.js';
import type { OAuthStore } from '../oauth/oauth-store.js';
import { type OAuthSettings, StoredOAuthProvider } from '../oauth/stored-oauth-provider.js';
import type { BuiltinServerFactory, McpServerLike } from '../types.js';

/** A transport ready for `client.connect`, plus what closing it needs. */
export interface OpenedTransport {
  transport: Transport;
  kind: 'stdio' | 'http' | 'sse' | 'in-memory';
  /** The in-process server of a builtin, closed with the connection. */
  server?: McpServerLike;
}

/** Lines of a child's stderr kept to explain a crash. */
export type StderrSink = (line: string) => void;

/**
 * Builds the transport for one configured server. For a URL with `transport: "auto"` this returns
 * Streamable HTTP; `openClient` falls back to SSE when that is refused.
 */
export async function openTransport(
  config: ServerConfig,
  builtins: Readonly<Record<string, BuiltinServerFactory>>,
  onStderr: StderrSink,
  variant?: 'http' | 'sse',
  oauthStore?: OAuthStore,
): Promise<OpenedTransport> {
  switch (config.kind) {
    case 'stdio': {
      const transport = new StdioClientTransport({
        command: config.command,
        args: config.args,
        ...(config.env ? { env: config.env } : {}),
        ...(config.cwd ? { cwd: config.cwd } : {}),
        // Piped, never inherited: our stdout may itself be an MCP channel, and we keep the tail to
        // explain crashes. The stream is always drained so the child never blocks on a full pipe.
        stderr: 'pipe',
      });
      drainLines(transport.stderr, onStderr);
      return { transport, kind: 'stdio' };
    }
    case 'url': {
      const url = new URL(config.url);
      const requestInit: RequestInit = config.headers ? { headers: config.headers } : {};
      const use = variant ?? (config.transport === 'sse' ? 'sse' : 'http');
      if (use === 'sse') return { transport: new SSEClientTransport(url, { requestInit }), kind: 'sse' };
      return {
        transport: new StreamableHTTPClientTransport(url, {
          requestInit,
          ...(config.oauth ? { authProvider: hostOAuthProvider(config.name, config.oauth, oauthStore) } : {}),
          // Bounded: a dropped GET stream is retried a few times, then the connection counts as lost.
          reconnectionOptions: {
            initialReconnectionDelay: 500,
            maxReconnectionDelay: 10_000,
            reconnectionDelayGrowFactor: 2,
            maxRetries: 3,
          },
        }),
        kind: 'http',
      };
    }
    case 'builtin': {
      const factory = builtins[config.builtin];
      if (!factory) {
        const known = Object.keys(builtins).sort().join(', ') || 'none';
        throw new HostError(
          'connect_failed',
          `MCP server "${config.name}": no builtin server named "${config.builtin}" (known: ${known})`,
          {
            details: { server: config.name },
          },
        );
      }
      const server = await factory();
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      return { transport: clientSide, kind: 'in-memory', server };
    }
  }
}

/** The provider of a server with `oauth`: tokens from `ventros mcp login`, refreshed by the SDK. */
function hostOAuthProvider(server: string, settings: OAuthSettings, store: OAuthStore | undefined) {
  if (!store) {
    throw new HostError(
      'invalid_config',
      `MCP server "${server}" uses OAuth, but the host has no data dir for tokens`,
      {
        details: { server },
      },
    );
  }
  return new StoredOAuthProvider({ server, settings, store });
}

function drainLines(stream: NodeJS.ReadableStream | import('node:stream').Stream | null, sink: StderrSink): void {
  if (!stream) return;
  let pending = '';
  stream.on('data', (chunk: Buffer | string) => {
    pending += chunk.toString();
    // Bound the buffer: a child that writes one endless line must not grow our memory.
    if (pending.length > 64_000) pending = pending.slice(-16_000);
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline).trimEnd();
      if (line !== '') sink(line);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  });
  stream.on('error', () => {});
}
