import type { ReadResourceResult, RegisteredTool, ServerContext, ServerOptions } from '@modelcontextprotocol/server';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { META_TOOL_ACCESS } from '../../shared/index.js';
import { attachDirectToolServer } from '../../shared/mcp/direct-tool-server.js';
import { type CallContext, type ContextDefaults, createCallContext, requestExtra } from './call-context.js';
import { callDeadline } from './call-deadline.js';
import type { ResourceSpec, ToolSpec } from './define-tool.js';
import { DirectTools } from './direct-tools.js';
import { type IdempotencyStore, OnceRunner } from './idempotency.js';
import { DEFAULT_TOOL_TIMEOUT_MS, invokeTool, runUntilAborted, type ToolBinding } from './invoke-tool.js';

export { DEFAULT_TOOL_TIMEOUT_MS } from './invoke-tool.js';

/** Options of createToolServer. */
export interface ToolServerOptions {
  name: string;
  version?: string;
  instructions?: string;
  tools: readonly ToolSpec[];
  resources?: readonly ResourceSpec[];
  /** Trusted context used when a request carries no `_meta` (a standalone stdio server). */
  defaults: ContextDefaults;
  /** Results of writing tools (`writes: true`) by idempotency key; without it every call runs. */
  idempotency?: IdempotencyStore;
  /**
   * Tools that come and go after the server is built (the Go tool service's own tools, see
   * servers/grpc/proxy-tools.ts). A name `tools` already has is ignored.
   */
  dynamicTools?: DynamicToolSource;
  /**
   * The SDK's `requestState.verify` hook, for tools registered on the returned McpServer that answer
   * with 2026-07-28 input-required rounds carrying a signed `requestState`: a tampered or expired state
   * is refused with -32602 before any handler runs (a tool handler's throw would become an `isError` result).
   */
  requestState?: NonNullable<ServerOptions['requestState']>;
}

/** A changing set of tools: `current()` returns the same objects until `onChange` fires. */
export interface DynamicToolSource {
  current(): readonly ToolSpec[];
  /** Calls `listener` after the set changed; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

/**
 * Builds an McpServer registering each tool with its zod shapes, answering with structuredContent plus
 * a JSON text block; failures become `isError` results (see errorResult). Each call gets a deadline
 * (the spec's `timeoutMs` or 30 s) combined with the client's cancellation, released when it ends, and
 * goes through the audience rules first (`enforceAccess`: a customer call is bound to its trusted
 * contact and refused tenant-wide tools). Each tool's `access` is published in its `tools/list` `_meta`.
 * A writing tool (`writes: true`) called with an idempotency key in `_meta` runs once per key when the
 * server has an `idempotency` store: a repeat returns the first result.
 *
 * @example
 * const server = createToolServer({ name: 'format', tools: formatTools(), defaults: { tenantId: 'tenant-demo' } });
 * await server.connect(new StdioServerTransport());
 */
export function createToolServer(options: ToolServerOptions): McpServer {
  const server = new McpServer(
    { name: `ventros-${options.name}`, version: options.version ?? '0.1.0' },
    {
      capabilities: { tools: {}, ...(options.resources?.length ? { resources: {} } : {}), logging: {} },
      ...(options.instructions ? { instructions: options.instructions } : {}),
      ...(options.requestState ? { requestState: options.requestState } : {}),
    },
  );
  const seen = new Set<string>();
  const once = options.idempotency ? new OnceRunner(options.idempotency) : undefined;
  const direct = new DirectTools();
  for (const tool of options.tools) {
    if (seen.has(tool.name)) throw new Error(`duplicate tool name ${tool.name} in server ${options.name}`);
    seen.add(tool.name);
    registerTool(server, tool, options.defaults, tool.writes ? once : undefined, direct);
  }
  for (const resource of options.resources ?? []) registerResource(server, resource, options.defaults);
  if (options.dynamicTools) followDynamicTools(server, options.dynamicTools, seen, options.defaults, once, direct);
  // The host calls a builtin (in-process) server through this entry instead of the MCP round trip.
  attachDirectToolServer(server, direct);
  return server;
}

/**
 * Registers the source's tools now and re-syncs on each change: a tool gone or replaced is removed, a
 * new one registered. The SDK tells a connected client (`notifications/tools/list_changed`), and the
 * host refreshes its listing on it. The subscription ends when the server's transport closes.
 */
function followDynamicTools(
  server: McpServer,
  source: DynamicToolSource,
  fixed: ReadonlySet<string>,
  defaults: ContextDefaults,
  once: OnceRunner | undefined,
  direct: DirectTools,
): void {
  const registered = new Map<string, { tool: ToolSpec; handle: RegisteredTool }>();
  const sync = () => {
    const next = new Map(
      source
        .current()
        .filter((t) => !fixed.has(t.name))
        .map((t) => [t.name, t]),
    );
    for (const [name, entry] of registered) {
      if (next.get(name) === entry.tool) continue;
      entry.handle.remove();
      direct.remove(name);
      registered.delete(name);
    }
    for (const [name, tool] of next) {
      if (registered.has(name)) continue;
      registered.set(name, {
        tool,
        handle: registerTool(server, tool, defaults, tool.writes ? once : undefined, direct),
      });
    }
  };
  sync();
  const unsubscribe = source.onChange(sync);
  const previous = server.server.onclose;
  server.server.onclose = () => {
    unsubscribe();
    previous?.();
  };
}

function registerTool(
  server: McpServer,
  tool: ToolSpec,
  defaults: ContextDefaults,
  once: OnceRunner | undefined,
  direct: DirectTools,
): RegisteredTool {
  // One zod object per tool, shared by the SDK's validation and the direct path's.
  const input = z.object(tool.input);
  const output = tool.output ? z.object(tool.output) : undefined;
  const binding: ToolBinding = { tool, defaults, once };
  const handle = server.registerTool(
    tool.name,
    {
      ...(tool.title ? { title: tool.title } : {}),
      description: tool.description,
      inputSchema: input,
      ...(output ? { outputSchema: output } : {}),
      ...(tool.annotations
        ? { annotations: { ...tool.annotations, ...(tool.title ? { title: tool.title } : {}) } }
        : {}),
      _meta: { [META_TOOL_ACCESS]: tool.access },
    },
    (args, sdk) => invokeTool(binding, args as Record<string, unknown>, requestExtra(sdk), sdk.mcpReq.signal),
  );
  direct.add(binding, input, output);
  return handle;
}

function registerResource(server: McpServer, spec: ResourceSpec, defaults: ContextDefaults): void {
  const metadata = { description: spec.description, ...(spec.mimeType ? { mimeType: spec.mimeType } : {}) };
  /** Runs `fn` with the request's context under a deadline released when it ends. */
  const withContext = async <T>(sdk: ServerContext, fn: (ctx: CallContext) => Promise<T>): Promise<T> => {
    const deadline = callDeadline(DEFAULT_TOOL_TIMEOUT_MS, sdk.mcpReq.signal);
    try {
      const ctx = createCallContext(requestExtra(sdk), defaults, deadline.signal);
      return await runUntilAborted(() => fn(ctx), deadline.signal);
    } finally {
      deadline.release();
    }
  };
  const read = async (
    uri: URL,
    vars: Record<string, string | string[]>,
    sdk: ServerContext,
  ): Promise<ReadResourceResult> => {
    const value = await withContext(sdk, (ctx) => spec.read(uri, vars, ctx));
    if (value instanceof Uint8Array) {
      const mimeType = spec.mimeType ?? 'application/octet-stream';
      return { contents: [{ uri: uri.href, mimeType, blob: Buffer.from(value).toString('base64') }] };
    }
    if (typeof value === 'string')
      return { contents: [{ uri: uri.href, mimeType: spec.mimeType ?? 'text/plain', text: value }] };
    return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(value) }] };
  };
  if (!spec.uriTemplate.includes('{')) {
    server.registerResource(spec.name, spec.uriTemplate, metadata, (uri, ctx) => read(uri, {}, ctx));
    return;
  }
  const list = spec.list;
  const template = new ResourceTemplate(spec.uriTemplate, {
    list: list ? async (sdk) => ({ resources: await withContext(sdk, (ctx) => list(ctx)) }) : undefined,
  });
  server.registerResource(spec.name, template, metadata, (uri, vars, ctx) => read(uri, vars, ctx));
}
