import { randomUUID } from 'node:crypto';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/core';
import {
  createMcpHandler,
  isInitializeRequest,
  isLegacyRequest,
  type McpServer,
  type McpHttpHandler as ModernHandler,
  type ServerEventBus,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import { enforceJsonRpc } from '../../shared/mcp/strict-json-rpc.js';

interface Entry {
  transport: WebStandardStreamableHTTPServerTransport;
  server: McpServer;
  tenantKey: string;
  lastSeen: number;
}

export interface McpHttpHandlerOptions {
  /** A fresh MCP server for a new session, bound to the caller's tenant. */
  createServer(tenantKey: string): McpServer;
  /** Bound on live sessions; the least recently used one is closed past it. */
  maxSessions?: number;
  /** Sessions idle longer than this are closed. */
  idleMs?: number;
  /**
   * Where 2026-07-28 `subscriptions/listen` streams learn that a list changed (each request has its own
   * server, so a change must be published here to reach them). Default: an in-process bus nothing
   * publishes on (the agents' lists never change); a server whose lists change passes the bus it publishes to.
   */
  bus?: ServerEventBus;
}

/**
 * Streamable HTTP for `/mcp`, both protocol revisions on one endpoint:
 * - 2026-07-28 (a request whose `_meta` carries `io.modelcontextprotocol/protocolVersion`): stateless,
 *   served by the SDK's `createMcpHandler` with a fresh server per request for the caller's tenant
 *   (`server/discover`, `tools/call`, `subscriptions/listen`, …); no session. A gated action answers
 *   with an input-required round whose signed `requestState` lets any instance with the same key serve
 *   the retried call (see approval-input-required.ts). The agents' lists never change in a process, so
 *   `subscriptions/listen` streams stay quiet.
 * - 2025-11-25 with sessions: `initialize` opens one (a server + transport pair), later requests carry
 *   `Mcp-Session-Id`. An unknown or closed session gets 404 (so clients re-initialize), a session used
 *   from another tenant's token gets 404 too.
 */
export class McpHttpHandler {
  private readonly sessions = new Map<string, Entry>();
  private readonly maxSessions: number;
  private readonly idleMs: number;

  /** The 2026-07-28 side; the tenant rides in `authInfo`, which the SDK hands to the factory as given. */
  private readonly modern: ModernHandler;

  constructor(private readonly options: McpHttpHandlerOptions) {
    this.maxSessions = options.maxSessions ?? 1000;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.modern = createMcpHandler(
      ({ authInfo }) => {
        const tenantKey = authInfo?.extra?.tenantKey;
        if (typeof tenantKey !== 'string') throw new Error('no tenant for a 2026-07-28 request');
        return options.createServer(tenantKey);
      },
      { legacy: 'reject', ...(options.bus ? { bus: options.bus } : {}) },
    );
  }

  async handle(request: Request, tenantKey: string): Promise<Response> {
    this.evictIdle();
    if (request.method === 'POST' && !request.headers.get('mcp-session-id') && !(await isLegacyRequest(request))) {
      return this.modern.fetch(request, {
        authInfo: { token: '', clientId: 'ventros', scopes: [], extra: { tenantKey } },
      });
    }
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId) {
      const entry = this.sessions.get(sessionId);
      if (!entry || entry.tenantKey !== tenantKey) return jsonRpcError(404, -32001, 'Session not found');
      entry.lastSeen = Date.now();
      if (request.method !== 'POST') return entry.transport.handleRequest(request);
      // Checked here, not by the transport: it answers valid JSON that is no JSON-RPC message with -32700.
      const parsed = await parseJsonRpc(request);
      if (parsed instanceof Response) return parsed;
      return entry.transport.handleRequest(request, { parsedBody: parsed.body });
    }
    if (request.method !== 'POST') return jsonRpcError(400, -32000, 'Bad Request: Mcp-Session-Id header is required');
    const parsed = await parseJsonRpc(request);
    if (parsed instanceof Response) return parsed;
    const { body } = parsed;
    const isInit = Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
    if (!isInit) return jsonRpcError(400, -32000, 'Bad Request: Mcp-Session-Id header is required');
    return this.open(request, tenantKey, body);
  }

  private async open(request: Request, tenantKey: string, body: unknown): Promise<Response> {
    if (this.sessions.size >= this.maxSessions) await this.closeOldest();
    const server = this.options.createServer(tenantKey);
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        this.sessions.set(id, { transport, server, tenantKey, lastSeen: Date.now() });
      },
      onsessionclosed: (id) => {
        this.sessions.delete(id);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) this.sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    enforceJsonRpc(transport);
    return transport.handleRequest(request, { parsedBody: body });
  }

  private evictIdle(): void {
    const cutoff = Date.now() - this.idleMs;
    for (const [id, entry] of this.sessions) {
      if (entry.lastSeen < cutoff) {
        this.sessions.delete(id);
        void entry.server.close().catch(() => undefined);
      }
    }
  }

  private async closeOldest(): Promise<void> {
    let oldest: [string, Entry] | undefined;
    for (const pair of this.sessions) if (!oldest || pair[1].lastSeen < oldest[1].lastSeen) oldest = pair;
    if (!oldest) return;
    this.sessions.delete(oldest[0]);
    await oldest[1].server.close().catch(() => undefined);
  }

  /** Closes every session. */
  async close(): Promise<void> {
    const entries = [...this.sessions.values()];
    this.sessions.clear();
    await this.modern.close().catch(() => undefined);
    await Promise.all(entries.map((e) => e.server.close().catch(() => undefined)));
  }
}

const PARSE_FAILED = Symbol('parse failed');

/** A 2025-11-25 POST body: JSON (else -32700) holding a JSON-RPC message or batch (else -32600), both 400. */
async function parseJsonRpc(request: Request): Promise<{ body: unknown } | Response> {
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => PARSE_FAILED);
  if (body === PARSE_FAILED) return jsonRpcError(400, -32700, 'Parse error: the body is not JSON');
  const messages = Array.isArray(body) ? body : [body];
  if (messages.length === 0 || !messages.every((message) => JSONRPCMessageSchema.safeParse(message).success)) {
    return jsonRpcError(400, -32600, 'Invalid Request: the body is not a JSON-RPC message');
  }
  return { body };
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
