import { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { AgentApplication } from '../../agents/application/index.js';
import type { ApiTokens } from '../api-tokens.js';
import { AgentSocketSession } from './agent-socket-session.js';
import { DEFAULT_MAX_RUNS_PER_SOCKET, type ServerFrame } from './protocol.js';
import { type SocketVariables, socketAuth } from './socket-auth.js';

/** What the HTTP app's `agentSocket` dependency carries (the rest comes from the HTTP app's own deps). */
export interface AgentSocketOptions {
  /** The runtime's upgrade helper: `upgradeWebSocket` of `@hono/node-server` (with `serve({ websocket })`). */
  upgradeWebSocket: UpgradeWebSocket;
  /** Runs in flight per socket (default 4). */
  maxRunsPerSocket?: number;
}

export interface AgentSocketDeps extends AgentSocketOptions {
  app: AgentApplication;
  /** Bearer token → tenant and role; empty means local use (see `socketAuth`). */
  apiTokens: ApiTokens;
  defaultTenantId: string;
  allowedHosts?: readonly string[];
}

/**
 * The `/ws/agent` route as a Hono sub-app to mount at that path: authenticates the upgrade, then
 * runs an {@link AgentSocketSession} per socket. A plain GET (no upgrade) gets 426.
 *
 * @example
 * http.route('/ws/agent', createAgentSocketApp({ app, apiTokens, defaultTenantId, upgradeWebSocket }));
 */
export function createAgentSocketApp(deps: AgentSocketDeps) {
  const route = new Hono<{ Variables: SocketVariables }>();
  route.get(
    '/',
    socketAuth(deps.apiTokens, deps.allowedHosts),
    deps.upgradeWebSocket((c) => {
      let session: AgentSocketSession | undefined;
      return {
        onOpen: (_event, ws) => {
          session = new AgentSocketSession({
            app: deps.app,
            tokenTenantId: c.get('tokenTenantId'),
            defaultTenantId: deps.defaultTenantId,
            maxRuns: deps.maxRunsPerSocket ?? DEFAULT_MAX_RUNS_PER_SOCKET,
            send: (frame: ServerFrame) => {
              if (ws.readyState === 1) ws.send(JSON.stringify(frame));
            },
          });
        },
        onMessage: (event) => session?.receive(event.data),
        onClose: () => session?.close(),
        onError: () => session?.close(),
      };
    }),
    (c) =>
      c.json({ error: { code: 'upgrade_required', message: 'connect with a WebSocket client' } }, 426, {
        upgrade: 'websocket',
      }),
  );
  return route;
}
