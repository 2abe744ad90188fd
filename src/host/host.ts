import { pathToFileURL } from 'node:url';
import type {
  GetPromptResult,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplateType,
} from '@modelcontextprotocol/server';
import { type Audience, errorMessage, type Logger, logger as rootLogger, toMeta } from '../shared/index.js';
import { type HostConfig, loadHostConfig, type ServerConfig } from './config/index.js';
import {
  callServerTool,
  type RequestTarget,
  runServerRequest,
  toolTarget,
  withinDeadline,
} from './connection/call-tool.js';
import { ServerConnection } from './connection/server-connection.js';
import { capturingDirectServers, type DirectServers } from './direct-builtins.js';
import { callToolDirect, directTarget } from './direct-call.js';
import { HostError } from './errors.js';
import { OAuthStore } from './oauth/oauth-store.js';
import { resourceOwner } from './resource-templates.js';
import { buildCatalog, findTool, resolveSelection, type ToolResolution } from './tool-catalog.js';
import type {
  BuiltinServerFactory,
  ElicitationHandler,
  HostCallContext,
  HostTool,
  HostToolResult,
  SamplingHandler,
  ServerStatus,
  ToolInfo,
} from './types.js';

/** Options of `createHost`: the config (parsed or a path) and everything injected from above. */
export interface CreateHostOptions {
  /** A validated config; or give `configPath`. */
  config?: HostConfig;
  configPath?: string;
  /** Factories of our in-process servers, by the name `builtin` entries use. */
  builtins?: Readonly<Record<string, BuiltinServerFactory>>;
  /** `drop-failed` (default): log and go on without a server that fails; `strict`: fail start-up. */
  mode?: 'strict' | 'drop-failed';
  /** When set, the host advertises `sampling` and answers `sampling/createMessage` with it. */
  sampling?: SamplingHandler;
  /** When set, answers `elicitation/create` (and elicitation is advertised); otherwise it is not advertised. */
  elicitation?: ElicitationHandler;
  clientInfo?: { name: string; version: string };
  logger?: Logger;
  /** Grace before SIGTERM and before SIGKILL when children are closed (default 1500 ms). */
  killGraceMs?: number;
  /** The folder of remote servers' OAuth tokens (the data dir's `mcp-oauth/`), for servers with `oauth`. */
  oauthDir?: string;
  /**
   * Call builtin servers' tools in process, without the MCP round trip (default true; the answers are
   * the same, see `direct-call.ts`). `false` (`VENTROS_BUILTIN_DIRECT=off`) sends every call over MCP.
   */
  builtinDirect?: boolean;
}

/** A resource, resource template or prompt with the server that offers it. */
export type HostResource = Resource & { server: string };
export type HostResourceTemplate = ResourceTemplateType & { server: string };
export type HostPrompt = Prompt & { server: string };

/**
 * Options of `readResource`. The trusted ids travel in the request's `_meta`, as on tool calls, so
 * a tenant-scoped resource (`crm://contacts/{id}`) is read for that tenant.
 */
export interface ReadResourceOptions {
  /** The server to ask; otherwise the one listing the URI, else the one whose template matches it. */
  server?: string;
  signal?: AbortSignal;
  tenantId?: string;
  contactId?: string;
  sessionId?: string;
  audience?: Audience;
}

/**
 * The MCP host: one client per configured server, tools aggregated under stable namespaced names.
 * `close()` (or `await using`) ends every connection and child process.
 */
export interface McpHost extends AsyncDisposable {
  /**
   * Plain tool objects for the agent runtime. `selection` holds names or globs matched against the
   * namespaced (`sales__qualify_lead`, `memory__*`) or bare (`search_memory`) names. Throws
   * `tool_not_found` for an exact name that matches nothing and `ambiguous_tool` for a bare name
   * two servers share; use `resolveTools` to get those as data instead.
   */
  tools(selection?: readonly string[]): HostTool[];
  /** Like `tools`, but reports missing and ambiguous names instead of throwing. */
  resolveTools(selection: readonly string[]): ToolResolution & { hostTools: HostTool[] };
  /** The catalog with each tool's server and original name. */
  toolInfo(): ToolInfo[];
  /** Calls a tool by namespaced or unique bare name. Tool failures are results; host failures throw. */
  callTool(name: string, args: Record<string, unknown>, context?: HostCallContext): Promise<HostToolResult>;
  listResources(): HostResource[];
  /** Every server's `resources/templates/list`, kept current on `resources/list_changed`. */
  listResourceTemplates(): HostResourceTemplate[];
  /**
   * Reads a resource from the server that lists its URI, else from the one server with a template
   * it matches. Throws `ambiguous_tool` when several servers' templates match (pass `server`).
   */
  readResource(uri: string, options?: ReadResourceOptions): Promise<ReadResourceResult>;
  listPrompts(): HostPrompt[];
  getPrompt(
    name: string,
    args?: Record<string, string>,
    options?: { server?: string; signal?: AbortSignal },
  ): Promise<GetPromptResult>;
  /** Each configured server's state (failed ones say why). */
  status(): ServerStatus[];
  /** Notifies after any server's tool list changed; returns an unsubscribe function. */
  onToolsChanged(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Connects every enabled server of the config in parallel and aggregates them.
 *
 * @example
 * await using host = await createHost({ configPath: 'mcp.config.json', builtins });
 * const result = await host.callTool('format__format_currency', { value: 10 }, { tenantId: 't1' });
 */
export async function createHost(options: CreateHostOptions): Promise<McpHost> {
  const config = options.config ?? (options.configPath ? await loadHostConfig(options.configPath) : undefined);
  if (!config) throw new HostError('invalid_config', 'createHost needs `config` or `configPath`');
  const log = options.logger ?? rootLogger;
  const listeners = new Set<() => void>();
  let catalog: ToolInfo[] | undefined;
  /** Namespaced name → tool with its connection, for the hot path of `callTool`. */
  let index = new Map<string, ToolRoute>();
  const onToolsChanged = () => {
    catalog = undefined;
    for (const listener of listeners) listener();
  };
  const oauthStore = options.oauthDir ? new OAuthStore(options.oauthDir) : undefined;
  /** Builtin servers callable in process, by connection name (kept current across restarts). */
  const direct: DirectServers = new Map();
  const useDirect = options.builtinDirect !== false;
  const connections = config.servers.map(
    (server) =>
      new ServerConnection({
        config: server,
        builtins: useDirect
          ? capturingDirectServers(options.builtins ?? {}, server.name, direct)
          : (options.builtins ?? {}),
        handlers: {
          ...(options.sampling ? { sampling: options.sampling } : {}),
          ...(options.elicitation ? { elicitation: options.elicitation } : {}),
          roots: [rootOf(server, config)],
        },
        clientInfo: options.clientInfo ?? { name: 'ventros-host', version: '0.1.0' },
        onToolsChanged,
        logger: log,
        ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
        ...(oauthStore ? { oauthStore } : {}),
      }),
  );

  const outcomes = await Promise.allSettled(connections.map((connection) => connection.connect()));
  const failures = outcomes.flatMap((outcome, index) =>
    outcome.status === 'rejected' ? [{ server: connections[index]?.name ?? '?', error: outcome.reason }] : [],
  );
  if (failures.length > 0 && options.mode === 'strict') {
    await Promise.all(connections.map((connection) => connection.close()));
    const first = failures[0];
    throw new HostError(
      'connect_failed',
      failures.length === 1 && first
        ? errorMessage(first.error)
        : `${failures.length} MCP servers failed to connect: ${failures.map((f) => errorMessage(f.error)).join('; ')}`,
      { cause: first?.error, details: { server: first?.server, servers: failures.map((f) => f.server) } },
    );
  }
  for (const failure of failures) {
    log.warn({ mcpServer: failure.server, err: errorMessage(failure.error) }, 'MCP server dropped: failed to connect');
  }

  const byName = new Map(connections.map((connection) => [connection.name, connection]));
  const currentCatalog = () => {
    if (!catalog) {
      catalog = buildCatalog(
        connections.map((c) => ({ server: c.name, timeoutMs: c.config.timeoutMs, tools: c.tools })),
      );
      index = new Map(catalog.map((info) => [info.name, routeTo(info)]));
    }
    return catalog;
  };
  const connectionOf = (server: string) => {
    const connection = byName.get(server);
    if (!connection)
      throw new HostError('server_unavailable', `no MCP server named "${server}"`, { details: { server } });
    return connection;
  };
  const routeTo = (info: ToolInfo): ToolRoute => {
    const connection = connectionOf(info.server);
    const target = toolTarget(info.toolName);
    const inProcess = directTarget(info);
    return {
      info,
      connection,
      target,
      // A ready builtin answers in process; anything else (or a tool it does not know) goes over MCP.
      call: (args, context) => {
        const server = direct.get(connection.name);
        const viaDirect =
          server && connection.readyClient() ? callToolDirect(server, inProcess, args, context, log) : undefined;
        return viaDirect ?? callServerTool(connection, target, args, context, info.timeoutMs);
      },
    };
  };
  /** The route of a namespaced name, or of a unique bare name (throws `tool_not_found`, `ambiguous_tool`). */
  const routeOf = (name: string): ToolRoute => {
    const all = currentCatalog();
    return index.get(name) ?? routeTo(findTool(all, name));
  };
  const toHostTool = (info: ToolInfo): HostTool => {
    const route = index.get(info.name) ?? routeTo(info);
    return {
      name: info.name,
      description: info.description,
      inputSchema: info.inputSchema,
      timeoutMs: info.timeoutMs,
      ...(info.access ? { access: info.access } : {}),
      execute: route.call,
    };
  };
  let closed: Promise<void> | undefined;

  const host: McpHost = {
    tools(selection) {
      if (!selection) return currentCatalog().map(toHostTool);
      const resolution = resolveSelection(currentCatalog(), selection);
      const ambiguous = resolution.ambiguous[0];
      if (ambiguous) {
        throw new HostError(
          'ambiguous_tool',
          `tool name "${ambiguous.name}" is ambiguous: offered by ${ambiguous.candidates.join(', ')}; use the namespaced name`,
          { details: { tool: ambiguous.name, candidates: ambiguous.candidates } },
        );
      }
      if (resolution.missing.length > 0) {
        throw new HostError(
          'tool_not_found',
          `no tool named ${resolution.missing.map((n) => `"${n}"`).join(', ')} on any connected MCP server`,
          { details: { tool: resolution.missing[0], missing: resolution.missing } },
        );
      }
      return resolution.tools.map(toHostTool);
    },
    resolveTools(selection) {
      const resolution = resolveSelection(currentCatalog(), selection);
      return { ...resolution, hostTools: resolution.tools.map(toHostTool) };
    },
    toolInfo: () => [...currentCatalog()],
    // Not `async`: one promise fewer per call; a lookup failure still comes back as a rejection.
    callTool(name, args, context = {}) {
      try {
        return routeOf(name).call(args, context);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    listResources: () => connections.flatMap((c) => c.resources.map((r) => ({ ...r, server: c.name }))),
    listResourceTemplates: () => connections.flatMap((c) => c.resourceTemplates.map((t) => ({ ...t, server: c.name }))),
    async readResource(uri, opts = {}) {
      const connection = connectionOf(opts.server ?? resourceOwner(connections, uri));
      const meta = toMeta(opts);
      return runServerRequest(
        connection,
        { method: 'resources/read' },
        connection.config.timeoutMs,
        opts.signal,
        (c, requestOptions) =>
          withinDeadline(c, requestOptions, (within) =>
            c.readResource({ uri, ...(Object.keys(meta).length > 0 ? { _meta: meta } : {}) }, within),
          ),
      );
    },
    listPrompts: () => connections.flatMap((c) => c.prompts.map((p) => ({ ...p, server: c.name }))),
    async getPrompt(name, args, opts = {}) {
      const [server, prompt] = locatePrompt(name, opts.server);
      const connection = connectionOf(server);
      return runServerRequest(
        connection,
        { method: 'prompts/get' },
        connection.config.timeoutMs,
        opts.signal,
        (c, requestOptions) =>
          withinDeadline(c, requestOptions, (within) =>
            c.getPrompt({ name: prompt, ...(args ? { arguments: args } : {}) }, within),
          ),
      );
    },
    status: () => connections.map((connection) => connection.status()),
    onToolsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed ??= Promise.all(connections.map((connection) => connection.close())).then(() => {
        listeners.clear();
      });
      return closed;
    },
    [Symbol.asyncDispose]() {
      return host.close();
    },
  };

  function locatePrompt(name: string, server: string | undefined): [string, string] {
    if (server) return [server, name];
    const separator = name.indexOf('__');
    if (separator > 0 && byName.has(name.slice(0, separator)))
      return [name.slice(0, separator), name.slice(separator + 2)];
    const offering = connections.filter((c) => c.prompts.some((p) => p.name === name));
    if (offering.length === 1 && offering[0]) return [offering[0].name, name];
    throw new HostError(
      offering.length > 1 ? 'ambiguous_tool' : 'tool_not_found',
      offering.length > 1
        ? `prompt "${name}" is offered by ${offering.map((c) => c.name).join(', ')}; use <server>__${name}`
        : `no prompt named "${name}" on any connected MCP server`,
    );
  }

  return host;
}

/** A catalog entry with the connection that serves it and its request target, resolved once. */
interface ToolRoute {
  info: ToolInfo;
  connection: ServerConnection;
  target: RequestTarget & { tool: string };
  /** Calls the tool: in process for a ready builtin (unless turned off), else over MCP. */
  call(args: Record<string, unknown>, context: HostCallContext): Promise<HostToolResult>;
}

/** The root offered to a server: its working folder, else the config's folder. */
function rootOf(server: ServerConfig, config: HostConfig): { uri: string; name: string } {
  const folder = server.kind === 'stdio' && server.cwd ? server.cwd : config.baseDir;
  return { uri: pathToFileURL(folder).href, name: folder };
}
