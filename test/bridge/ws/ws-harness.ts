import type { AddressInfo } from 'node:net';
import { serve, upgradeWebSocket } from '@hono/node-server';
import { WebSocket } from 'ws';
import type { AgentApplication } from '../../../src/agents/application/index.js';
import type { Model, ModelRequest, ModelResponse, ModelStreamEvent } from '../../../src/agents/model/index.js';
import { OfflineModel } from '../../../src/agents/providers/offline/offline-model.js';
import { type ApiTokens, createHttpApp, HttpMetrics } from '../../../src/bridge/index.js';
import { type AgentSocketServerOptions, createAgentSocketServer } from '../../../src/bridge/ws/index.js';

/** The cue that makes {@link HangOnCueModel} hang. */
export const HANG = '[hang]';

/**
 * The offline model, except that a request whose user message holds {@link HANG} never answers: it
 * waits for its signal (a slow provider), so tests can cancel a run that is really in flight.
 */
export class HangOnCueModel implements Model {
  readonly id = 'offline';
  readonly provider = 'offline' as const;
  private readonly inner = new OfflineModel();
  private readonly waiters: Array<(signal: AbortSignal) => void> = [];

  /** Resolves with the signal of the next request that starts hanging. */
  nextHang(): Promise<AbortSignal> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async generate(request: ModelRequest): Promise<ModelResponse> {
    if (cued(request)) return this.hang(request);
    return this.inner.generate(request);
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelStreamEvent> {
    if (cued(request)) await this.hang(request);
    yield* this.inner.stream(request);
  }

  private hang(request: ModelRequest): Promise<never> {
    const signal = request.signal;
    if (!signal) return Promise.reject(new Error('HangOnCueModel: the request has no signal'));
    for (const wake of this.waiters.splice(0)) wake(signal);
    return new Promise((_, reject) => {
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }
}

function cued(request: ModelRequest): boolean {
  return request.messages.some(
    (m) => m.role === 'user' && m.content.some((p) => p.type === 'text' && p.text.includes(HANG)),
  );
}

/** A real HTTP server on 127.0.0.1:0 with `/ws/agent` mounted; `close()` ends sockets and server. */
export interface WsServer {
  url: string;
  close(): Promise<void>;
}

export async function startWsServer(
  app: AgentApplication,
  options: { apiTokens?: ApiTokens; sockets?: AgentSocketServerOptions; maxRunsPerSocket?: number } = {},
): Promise<WsServer> {
  const sockets = createAgentSocketServer(options.sockets);
  const http = createHttpApp({
    app,
    metrics: new HttpMetrics(),
    apiTokens: options.apiTokens ?? new Map(),
    defaultTenantId: 'tenant-demo',
    agentSocket: {
      upgradeWebSocket,
      ...(options.maxRunsPerSocket ? { maxRunsPerSocket: options.maxRunsPerSocket } : {}),
    },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1', websocket: { server: sockets.server } }, () =>
      resolve(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws/agent`,
    async close() {
      await sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A parsed server frame. */
export type Frame = { type: string; id: string | null; [field: string]: unknown };

/** A `ws` client that queues the frames it receives and lets a test wait for them. */
export class TestClient {
  readonly frames: Frame[] = [];
  private readonly listeners = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const listener of this.listeners) listener();
    });
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static connect(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      socket.once('open', () => resolve(new TestClient(socket)));
      socket.once('unexpected-response', (_req, res) => {
        reject(new RefusedUpgrade(res.statusCode ?? 0));
        socket.terminate();
      });
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits (up to 10 s) for the first frame matching `match` that arrived or arrives. */
  waitFor(match: (frame: Frame) => boolean, what = 'a frame'): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.find(match);
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames)}`));
      }, 10_000);
      const listener = () => void check();
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
      check();
    });
  }

  /** Waits for the run's terminal frame (`result` or `error`) and returns all of the run's frames. */
  async run(id: string): Promise<Frame[]> {
    await this.waitFor((f) => f.id === id && (f.type === 'result' || f.type === 'error'), `the end of run ${id}`);
    return this.frames.filter((f) => f.id === id);
  }

  /** Closes the socket and waits for the close to complete. */
  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/** The upgrade was answered with an HTTP status instead of a socket. */
export class RefusedUpgrade extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}
