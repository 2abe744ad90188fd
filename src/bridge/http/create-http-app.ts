import { type Context, Hono } from 'hono';
import { routePath } from 'hono/route';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AgentApplication } from '../../agents/application/index.js';
import { type Audience, NotFoundError, RateLimitedError } from '../../shared/index.js';
import { traceparentFrom } from '../../shared/telemetry/traceparent.js';
import type { ApiTokens } from '../api-tokens.js';
import { toErrorResponse } from '../error-body.js';
import { AgentTypeSchema, type ExecuteBody, ExecuteBodySchema, executeRequest } from '../execute-body.js';
import { MAX_BODY_BYTES } from '../limits.js';
import { localOriginGuard } from '../local-origin-guard.js';
import type { McpHttpHandler } from '../mcp/mcp-http-handler.js';
import { parseBody } from '../parse-input.js';
import { type AgentSocketOptions, createAgentSocketApp } from '../ws/agent-socket-route.js';
import { registerApprovalMetrics } from './approval-metrics.js';
import { createApprovalRoutes } from './approval-routes.js';
import { bodyLimit } from './body-limit.js';
import { type ConsoleSource, createConsoleRoutes } from './console-routes.js';
import type { HttpMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { createPlaygroundRoutes, type PlaygroundOptions } from './playground-routes.js';
import { readJson } from './read-json.js';
import { streamRun } from './sse.js';
import { requireStaff, type TenantVariables, tenantAuth } from './tenant-auth.js';
import { createWorkflowRoutes, type WorkflowsPort } from './workflow-routes.js';

/** nginx's status for a request whose client closed the connection first (no one reads it). */
const CLIENT_CLOSED_REQUEST = 499;

export interface HttpAppDeps {
  app: AgentApplication;
  metrics: HttpMetrics;
  /** Bearer token → tenant and role; empty means no auth (local use), tenant from the body or the default. */
  apiTokens: ApiTokens;
  defaultTenantId: string;
  /** Serves `/mcp` when given. */
  mcp?: McpHttpHandler;
  /** Extra host names `/mcp` answers without tokens (DNS-rebinding protection); localhost always. */
  allowedHosts?: readonly string[];
  /** Largest body read (default MAX_BODY_BYTES, 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** How long a client has to send a JSON body (default 10 000 ms); slower ones get 408. */
  bodyTimeoutMs?: number;
  /** Facts for `/health` (model, servers...). */
  health?: () => Record<string, unknown>;
  /** Serves `/ws/agent` (WebSocket; protocol in `src/bridge/ws/protocol.ts`) when given. */
  agentSocket?: AgentSocketOptions;
  /** Serves `/api/tenants`, `/api/contacts` and `/api/sessions/:id` (the playground's pickers) when given. */
  console?: ConsoleSource;
  /** Serves the web playground at `/` when given. */
  playground?: PlaygroundOptions;
  /** Per-tenant usage and limits behind `GET /api/usage` (staff only) when given. */
  usage?: { usage(tenantId?: string): unknown[] };
  /** The durable workflows behind `/api/workflows` (absent: DATABASE_URL not set, the routes answer 503). */
  workflows?: WorkflowsPort;
}

/**
 * The HTTP bridge (Hono): decode, call the application, encode. Routes are ARCHITECTURE.md's. The
 * surface decides the audience: `POST /api/agents/message` is a customer's message; `execute`, `stream`
 * and `/mcp` are for staff (a staff token, or this machine when no tokens are configured).
 * @example
 * const http = createHttpApp({ app, metrics: new HttpMetrics(), apiTokens: new Map(), defaultTenantId: 'tenant-demo' });
 * const res = await http.request('/health');
 */
export function createHttpApp(deps: HttpAppDeps) {
  const http = new Hono<{ Variables: TenantVariables }>();
  if (deps.app.approvals) registerApprovalMetrics(deps.metrics.registry, deps.app.approvals);

  http.use(async (c, next) => {
    const started = performance.now();
    await next();
    const route = routePath(c);
    deps.metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    deps.metrics.requestSeconds.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
  });

  http.onError((error, c) => {
    const { status, body } = toErrorResponse(error);
    // A client that went away reads no answer: record 499 (client closed request), never a server 5xx.
    if (c.req.raw.signal.aborted && status >= 500) {
      const gone = { error: { code: 'cancelled', message: 'the client went away' } };
      return c.json(gone, CLIENT_CLOSED_REQUEST as ContentfulStatusCode);
    }
    // A tenant over its limit learns when to come back.
    if (error instanceof RateLimitedError) {
      return c.json(body, status, { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) });
    }
    // A client too slow to send its body loses the connection, so it cannot hold it any longer.
    return c.json(body, status, status === 408 ? { connection: 'close' } : undefined);
  });
  http.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  http.get('/health', (c) => c.json({ status: 'ok', agents: deps.app.agents().length, ...(deps.health?.() ?? {}) }));
  http.get('/openapi.json', (c) => c.json(openApiDocument()));
  http.get('/metrics', async (c) =>
    c.text(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType }),
  );

  // Without tokens the endpoints trust their caller, so only this machine may call them (a page on
  // another site, or one that rebinds DNS to 127.0.0.1, must not run agents with side effects).
  const guard = deps.apiTokens.size === 0 ? localOriginGuard(deps.allowedHosts) : undefined;
  const limit = bodyLimit({
    maxSize: deps.maxBodyBytes ?? MAX_BODY_BYTES,
    onError: (c) =>
      c.json(
        {
          error: {
            code: 'payload_too_large',
            message: `request body over ${deps.maxBodyBytes ?? MAX_BODY_BYTES} bytes`,
          },
        },
        413,
      ),
  });

  const api = new Hono<{ Variables: TenantVariables }>();
  if (guard) api.use(guard);
  api.use(tenantAuth(deps.apiTokens));
  api.use(limit);

  const tenantOf = (tokenTenant: string | undefined, body: ExecuteBody) =>
    tokenTenant ?? body.tenant_id ?? deps.defaultTenantId;
  // The caller's W3C trace context travels with the request: the run's spans continue its trace.
  const toRequest = (headers: Headers, ...args: Parameters<typeof executeRequest>) => {
    const request = executeRequest(...args);
    const traceparent = traceparentFrom(headers);
    return traceparent ? { ...request, traceparent } : request;
  };
  const readBody = (request: Request) => readJson(request, deps.bodyTimeoutMs);
  const agentType = (raw: string, allowAuto = false) => {
    if (allowAuto && raw === 'auto') return raw;
    const type = parseBody(AgentTypeSchema, raw, 'agent type');
    if (!deps.app.agents().some((a) => a.type === type)) {
      throw new NotFoundError(`unknown agent "${type}"`, { known: deps.app.agents().map((a) => a.type) });
    }
    return type;
  };
  const execute = async (agent: string, body: ExecuteBody, tenantId: string, surface: Audience, raw: Request) => {
    try {
      const result = await deps.app.execute(toRequest(raw.headers, agent, body, tenantId, raw.signal, surface));
      deps.metrics.executions.inc({ agent: result.agent_used, outcome: 'ok' });
      return result;
    } catch (error) {
      deps.metrics.executions.inc({ agent, outcome: 'error' });
      throw error;
    }
  };

  api.get('/agents', (c) => {
    const agents = deps.app.agents();
    return c.json({ agents, total_count: agents.length });
  });
  api.get('/agents/:type', (c) => {
    if (c.req.param('type') === 'message') {
      return c.json({ error: { code: 'method_not_allowed', message: 'GET /api/agents/message: use POST' } }, 405, {
        allow: 'POST',
      });
    }
    const type = agentType(c.req.param('type'));
    return c.json(deps.app.agents().find((a) => a.type === type));
  });
  /** The run as server-sent events (`/stream`, or `options.stream_response` on the other routes). */
  const stream = (c: Context<{ Variables: TenantVariables }>, type: string, body: ExecuteBody, surface: Audience) => {
    const abort = new AbortController();
    const request = toRequest(c.req.raw.headers, type, body, tenantOf(c.get('tenantId'), body), abort.signal, surface);
    return streamRun(c, deps.app.stream(request), abort);
  };
  api.post('/agents/message', async (c) => {
    const body = parseBody(ExecuteBodySchema, await readBody(c.req.raw), 'request body');
    if (body.options?.stream_response) return stream(c, 'auto', body, 'customer');
    return c.json(await execute('auto', body, tenantOf(c.get('tenantId'), body), 'customer', c.req.raw));
  });
  api.post('/agents/:type/execute', requireStaff(), async (c) => {
    const type = agentType(c.req.param('type'), true);
    const body = parseBody(ExecuteBodySchema, await readBody(c.req.raw), 'request body');
    if (body.options?.stream_response) return stream(c, type, body, 'staff');
    return c.json(await execute(type, body, tenantOf(c.get('tenantId'), body), 'staff', c.req.raw));
  });
  api.post('/agents/:type/stream', requireStaff(), async (c) => {
    const type = agentType(c.req.param('type'), true);
    const body = parseBody(ExecuteBodySchema, await readBody(c.req.raw), 'request body');
    return stream(c, type, body, 'staff');
  });
  for (const [path, allow] of [
    ['/agents', 'GET'],
    ['/agents/message', 'POST'],
    ['/agents/:type', 'GET'],
    ['/agents/:type/execute', 'POST'],
    ['/agents/:type/stream', 'POST'],
  ] as const) {
    api.all(path, (c) =>
      c.json({ error: { code: 'method_not_allowed', message: `${c.req.method} ${c.req.path}: use ${allow}` } }, 405, {
        allow,
      }),
    );
  }
  if (deps.usage) {
    const ledger = deps.usage;
    // A token sees its own tenant only; without tokens (this machine) every tenant, or `?tenant_id=`.
    api.get('/usage', requireStaff(), (c) => {
      const tenant = c.get('tenantId') ?? c.req.query('tenant_id');
      return c.json({ tenants: ledger.usage(tenant) });
    });
  }
  if (deps.console) api.route('/', createConsoleRoutes(deps.console, deps.defaultTenantId));
  api.route('/', createWorkflowRoutes(deps.workflows, deps.defaultTenantId));
  api.route('/', createApprovalRoutes(deps.app, deps.defaultTenantId));
  http.route('/api', api);

  if (deps.mcp) {
    const mcp = deps.mcp;
    if (guard) http.use('/mcp', guard);
    http.use('/mcp', tenantAuth(deps.apiTokens));
    // Claude Desktop and IDEs are the company's staff; a customer token may not drive the agents.
    http.use('/mcp', requireStaff());
    http.use('/mcp', limit);
    http.all('/mcp', (c) => mcp.handle(c.req.raw, c.get('tenantId') ?? deps.defaultTenantId));
  }
  if (deps.agentSocket) {
    const { apiTokens, defaultTenantId, allowedHosts } = deps;
    http.route(
      '/ws/agent',
      createAgentSocketApp({ app: deps.app, apiTokens, defaultTenantId, allowedHosts, ...deps.agentSocket }),
    );
  }
  if (deps.playground) http.route('/', createPlaygroundRoutes({ ...deps.playground, guard }));
  return http;
}
