import type { Server, ServerOptions } from 'node:http';

/** The connection hygiene of the HTTP server (`VENTROS_HTTP_*`). */
export interface HttpServerLimits {
  /** A client has this long to send its request headers (default 10 000 ms). */
  headersTimeoutMs: number;
  /** A client has this long to send a JSON body once its headers arrived (default 10 000 ms). */
  bodyTimeoutMs: number;
  /** Open connections at most (default 1024). */
  maxConnections: number;
}

/**
 * Options for `node:http`'s server (`serve({ serverOptions })` of @hono/node-server). Node itself cuts
 * a client that is slow with its headers (408, connection closed), and, as a backstop for routes that
 * read their body without `readJson`'s deadline (`/mcp`), one that has not sent its whole request
 * within headers + body timeouts plus 5 s. Node checks those deadlines on a timer; it runs every
 * second here instead of every 30 s, so a slow client is cut close to its deadline. A response may take
 * as long as it needs (a run, an SSE stream): none of this bounds it.
 *
 * @example
 * const server = serve({ fetch: http.fetch, port, serverOptions: httpServerOptions(limits) });
 * limitConnections(server, limits.maxConnections);
 */
export function httpServerOptions(limits: HttpServerLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + 5_000,
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  };
}

/** Bounds the server's open connections: past `max`, new ones are closed at once. */
export function limitConnections(server: Pick<Server, 'maxConnections'>, max: number): void {
  server.maxConnections = max;
}
