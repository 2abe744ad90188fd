import { type WebSocket, WebSocketServer } from 'ws';
import { MAX_BODY_BYTES } from '../limits.js';
import { DEFAULT_PING_INTERVAL_MS } from './protocol.js';

export interface AgentSocketServerOptions {
  /** Largest frame accepted; a bigger one closes the socket with 1009 (default MAX_BODY_BYTES, 1 MiB). */
  maxFrameBytes?: number;
  /** Keepalive period (default 30 s): each socket is pinged; one that did not pong since the last ping is dropped. */
  pingIntervalMs?: number;
}

/** The `ws` server behind `/ws/agent`, with its keepalive. */
export interface AgentSocketServer {
  /** Hand to `serve({ fetch, websocket: { server } })` of `@hono/node-server`. */
  readonly server: WebSocketServer;
  /** Closes every socket with 1001 (going away) — which cancels its runs — and stops the keepalive. */
  close(): Promise<void>;
}

/**
 * A `noServer` WebSocketServer for `@hono/node-server`: the HTTP server hands it upgrades that the Hono
 * route accepted. It bounds frame size and drops dead peers (a half-open TCP connection would
 * otherwise hold its runs until the run deadline).
 *
 * @example
 * const sockets = createAgentSocketServer();
 * const server = serve({ fetch: http.fetch, port, websocket: { server: sockets.server } });
 */
export function createAgentSocketServer(options: AgentSocketServerOptions = {}): AgentSocketServer {
  const server = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? MAX_BODY_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();
  server.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  });
  const timer = setInterval(() => {
    for (const socket of server.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS);
  timer.unref();
  server.on('close', () => clearInterval(timer));

  return {
    server,
    async close() {
      clearInterval(timer);
      const closing = [...server.clients].map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === socket.CLOSED) return resolve();
            socket.once('close', () => resolve());
            socket.close(1001, 'server shutting down');
            // A peer that never answers the close handshake must not hold the shutdown.
            setTimeout(() => socket.terminate(), 1_000).unref();
          }),
      );
      await Promise.all(closing);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
