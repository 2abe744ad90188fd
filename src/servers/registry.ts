import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/server';
import { createEmbedder, DEFAULT_TENANT_ID, type Embedder, type Env, logger } from '../shared/index.js';
import { biTools } from './bi/index.js';
import { formatTools } from './format/index.js';
import {
  type ContextDefaults,
  createToolServer,
  type DynamicToolSource,
  type ResourceSpec,
  type ToolSpec,
} from './framework/index.js';
import {
  createGrpcMemoryBackend,
  createToolServiceClient,
  LeadScoreLedger,
  type ProxyKit,
  proxyRules,
  proxyTools,
  RemoteToolCatalog,
  remoteToolSource,
  type ToolServiceClient,
} from './grpc/index.js';
import { LocalMemoryBackend, type MemoryBackend, memoryResources, memoryTools } from './memory/index.js';
import { retentionTools } from './retention/index.js';
import { salesTools } from './sales/index.js';
import { SERVER_NAMES, type ServerName } from './server-names.js';
import { type CrmStore, openCrmStore } from './store/index.js';
import { supportTools } from './support/index.js';

export { isServerName, SERVER_DESCRIPTIONS, SERVER_NAMES, type ServerName } from './server-names.js';

const INSTRUCTIONS: Readonly<Record<ServerName, string>> = {
  memory: 'Customer memory of the CRM. Search before answering about a customer; store durable facts.',
  bi: 'Business intelligence over the CRM. Numbers come only from these tools; cite the period.',
  sales: 'SDR tools: qualify with BANT, score, then assign only leads with score ≥ 60.',
  retention: 'Retention: offers 1-30%, at most 3 per customer, supervisor for CLV > R$ 50.000 or severity ≥ 8.',
  support:
    'Support: check system status and the account’s error logs, open tickets, escalate bugs to engineering, hand over to a human.',
  format: 'Formatting helpers: tables, charts, score aggregation, recommendations. Pure functions.',
};

/** What the servers run on. */
export interface ServerDeps {
  store: CrmStore;
  embedder: Embedder;
  env: Env;
  /** Local (SQLite) or gRPC to the Go memory service (MEMORY_SERVICE_GRPC_HOST). */
  memoryBackend: MemoryBackend;
  /** Set when MCP_SERVER_HOST: the CRM tools forward to the Go tool service. */
  toolService?: ToolServiceClient;
  /** With `toolService`: the Go side's own tools (ListTools), offered next to ours. */
  remoteTools?: RemoteToolCatalog;
  /** With `toolService`: the local rules checked before a call leaves, and what they remember. */
  proxy?: ProxyKit;
  /** Clock for the tools (tests pin it). */
  now?: () => Date;
}

/** The trusted defaults of a standalone server: the operator's environment, never the model. */
export function contextDefaults(env: Env): ContextDefaults {
  return {
    tenantId: env.VENTROS_TENANT_ID ?? DEFAULT_TENANT_ID,
    ...(env.VENTROS_CONTACT_ID ? { contactId: env.VENTROS_CONTACT_ID } : {}),
  };
}

/** The local (store-backed) tools of a CRM server. */
function localCrmTools(name: 'bi' | 'sales' | 'retention' | 'support', deps: ServerDeps): ToolSpec[] {
  const base = { store: deps.store, ...(deps.now ? { now: deps.now } : {}) };
  switch (name) {
    case 'bi':
      return biTools({
        ...base,
        defaultTimeZone: deps.env.VENTROS_TIME_ZONE,
        tenantTimeZones: deps.env.VENTROS_TENANT_TIME_ZONES,
      });
    case 'sales':
      return salesTools(base);
    case 'retention':
      return retentionTools(base);
    case 'support':
      return supportTools(base);
  }
}

const CRM_SERVERS = ['bi', 'sales', 'retention', 'support'] as const;

/**
 * Every tool name our servers define: a Go tool by one of these names is not offered twice — on a CRM
 * server it keeps our schema and rules, and memory and format tools stay ours.
 */
function localToolNames(deps: ServerDeps): Set<string> {
  return new Set([
    ...CRM_SERVERS.flatMap((server) => localCrmTools(server, deps).map((t) => t.name)),
    ...memoryTools(deps.memoryBackend).map((t) => t.name),
    ...formatTools().map((t) => t.name),
  ]);
}

/**
 * Tools (and resources) of one server, local or proxied to the Go services as configured. Proxied, a CRM
 * server also offers the Go tools no local server knows (`dynamicTools`, kept current by ListTools).
 */
export function toolsForServer(
  name: ServerName,
  deps: ServerDeps,
): { tools: ToolSpec[]; resources: ResourceSpec[]; dynamicTools?: DynamicToolSource } {
  if (name === 'format') return { tools: formatTools(), resources: [] };
  if (name === 'memory')
    return { tools: memoryTools(deps.memoryBackend), resources: memoryResources(deps.memoryBackend) };
  const local = localCrmTools(name, deps);
  if (!deps.toolService) return { tools: local, resources: [] };
  const kit = deps.proxy ?? { client: deps.toolService };
  return {
    tools: proxyTools(local, kit),
    resources: [],
    ...(deps.remoteTools ? { dynamicTools: remoteToolSource(name, deps.remoteTools, localToolNames(deps), kit) } : {}),
  };
}

/** Builds one tool server (not connected). */
export function createServerByName(name: ServerName, deps: ServerDeps): McpServer {
  const { tools, resources, dynamicTools } = toolsForServer(name, deps);
  return createToolServer({
    name,
    tools,
    resources,
    ...(dynamicTools ? { dynamicTools } : {}),
    instructions: INSTRUCTIONS[name],
    defaults: contextDefaults(deps.env),
    idempotency: deps.store.idempotency,
  });
}

/**
 * Opens what the servers need: the store at `${VENTROS_DATA_DIR}/crm.db`, the memory backend (local, or
 * gRPC when MEMORY_SERVICE_GRPC_HOST is set) and the tool-service client when MCP_SERVER_HOST is set.
 * Dispose it to close them.
 */
export async function openServerDeps(
  env: Env,
  options: { store?: CrmStore; now?: () => Date } = {},
): Promise<ServerDeps & AsyncDisposable> {
  // Gemini embeddings when GEMINI_API_KEY is set, else the local embedder; a change re-indexes on open.
  const store =
    options.store ??
    (await openCrmStore({ path: join(env.VENTROS_DATA_DIR, 'crm.db'), embedder: createEmbedder(env) }));
  const memoryBackend: MemoryBackend = env.MEMORY_SERVICE_GRPC_HOST
    ? createGrpcMemoryBackend({ target: env.MEMORY_SERVICE_GRPC_HOST })
    : new LocalMemoryBackend({ store, ...(options.now ? { now: options.now } : {}) });
  const toolService = env.MCP_SERVER_HOST
    ? createToolServiceClient({
        target: env.MCP_SERVER_HOST,
        ...(env.MCP_AUTH_TOKEN ? { authToken: env.MCP_AUTH_TOKEN } : {}),
      })
    : undefined;
  if (env.MEMORY_SERVICE_GRPC_HOST)
    logger.info({ target: env.MEMORY_SERVICE_GRPC_HOST }, 'memory tools use the Go memory service');
  let remoteTools: RemoteToolCatalog | undefined;
  let proxy: ProxyKit | undefined;
  if (toolService) {
    // The token's presence is logged, never its value.
    logger.info(
      { target: env.MCP_SERVER_HOST, auth_token: env.MCP_AUTH_TOKEN ? 'set' : 'unset' },
      'CRM tools forward to the Go tool service',
    );
    const ledger = new LeadScoreLedger();
    proxy = { client: toolService, rules: proxyRules(toolService, ledger), ledger };
    remoteTools = new RemoteToolCatalog({
      client: toolService,
      tenantId: contextDefaults(env).tenantId,
      refreshMs: (env.MCP_TOOLS_REFRESH_SECONDS ?? 300) * 1000,
      servers: CRM_SERVERS,
    });
    // Bounded: the client's 2 s deadline per attempt, 3 attempts; a failure keeps the local list.
    await remoteTools.start();
  }
  let disposed = false;
  return {
    store,
    embedder: store.embedder,
    env,
    memoryBackend,
    ...(toolService ? { toolService } : {}),
    ...(remoteTools ? { remoteTools } : {}),
    ...(proxy ? { proxy } : {}),
    ...(options.now ? { now: options.now } : {}),
    async [Symbol.asyncDispose]() {
      if (disposed) return;
      disposed = true;
      remoteTools?.close();
      toolService?.close();
      if ('close' in memoryBackend && typeof memoryBackend.close === 'function') memoryBackend.close();
      // A store passed in belongs to the caller.
      if (!options.store) store.close();
    },
  };
}

/**
 * Builds servers sharing what `name` opened, plus what to release when it stops. A factory, not one
 * server: the SDK's stdio entry (`serveStdio`) builds one per protocol era it tries on a connection
 * (a 2026-07-28 `server/discover` probe, then a 2025-11-25 `initialize` falls back to a fresh one).
 */
export interface StandaloneServer extends AsyncDisposable {
  createServer(): McpServer;
}

/**
 * Opens what `name` needs and builds it: `ventros server <name>`. The format server opens nothing
 * (no SQLite file is created just to format a table).
 */
export async function openStandaloneServer(name: ServerName, env: Env): Promise<StandaloneServer> {
  if (name === 'format') {
    const createServer = () =>
      createToolServer({
        name,
        tools: formatTools(),
        instructions: INSTRUCTIONS.format,
        defaults: contextDefaults(env),
      });
    return { createServer, [Symbol.asyncDispose]: async () => {} };
  }
  const deps = await openServerDeps(env);
  return {
    createServer: () => createServerByName(name, deps),
    [Symbol.asyncDispose]: () => deps[Symbol.asyncDispose](),
  };
}

/** A factory per server name, for the host's `builtin` entries: each runs in process on `deps`. */
export function builtinServerFactories(deps: ServerDeps): Record<ServerName, () => McpServer> {
  return Object.fromEntries(SERVER_NAMES.map((name) => [name, () => createServerByName(name, deps)])) as Record<
    ServerName,
    () => McpServer
  >;
}
