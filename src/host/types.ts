import type {
  CreateMessageRequest,
  CreateMessageResult,
  ElicitRequest,
  ElicitResult,
  Transport,
} from '@modelcontextprotocol/server';
import type { Audience, ToolAccess } from '../shared/index.js';

/** JSON Schema as a server gave it (the host passes it through untouched). */
export type JsonSchemaObject = { [key: string]: unknown };

/** Progress of a long call (from MCP `notifications/progress`). */
export interface HostToolProgress {
  progress: number;
  total?: number;
  message?: string;
}

/**
 * Who a call is for and how to stop it. Structurally a subset of the agent runtime's ToolContext,
 * so the runtime passes its context as is. The trusted ids go to the server in `_meta`.
 */
export interface HostCallContext {
  tenantId?: string;
  contactId?: string;
  sessionId?: string;
  /** `customer` binds the call to `contactId` on the server (see `shared/trusted-meta.ts`). */
  audience?: Audience;
  /** The same for every attempt of one logical call (a retried workflow step); goes in `_meta`. */
  idempotencyKey?: string;
  /** The approval of a gated call a person approved; goes in `_meta` (`io.ventros/approval_id`). */
  approvalId?: string;
  /** Cancels the call: the SDK sends `notifications/cancelled` to the server. */
  signal?: AbortSignal;
  /**
   * The caller's own deadline for this call, in ms from its start: `signal` aborts by then. A builtin
   * (in-process) call then needs no timer of its own when this is no later than the tool's timeout.
   */
  timeoutMs?: number;
  /**
   * The caller reads only `structured` of a successful result that has one: a builtin (in-process)
   * call then leaves that result's `content` empty ('') instead of building its JSON text.
   */
  structuredOnly?: boolean;
  onProgress?: (progress: HostToolProgress) => void;
  /** The caller's W3C trace context; goes in `_meta.traceparent` so the server continues the trace. */
  traceparent?: string;
}

/** What a tool call returns. Tool failures are data (`isError: true`), never exceptions. */
export interface HostToolResult {
  /** Text blocks joined; non-text blocks summarized; the JSON of `structured` when there is no text. */
  content: string;
  isError?: boolean;
  /** The MCP `structuredContent`, passed through. */
  structured?: unknown;
}

/**
 * A tool of the aggregated catalog as a plain object — the same shape as the agent runtime's Tool
 * (`src/agents/tool.ts`), defined here so the host does not depend on the agents layer.
 */
export interface HostTool {
  /** Namespaced: `<server>__<tool>`, provider-safe, ≤ 64 characters. */
  name: string;
  description: string;
  inputSchema: JsonSchemaObject;
  timeoutMs: number;
  /** What the tool reaches, as its server declares it (`tools/list` `_meta`); absent when it declares none. */
  access?: ToolAccess;
  execute(args: Record<string, unknown>, context: HostCallContext): Promise<HostToolResult>;
}

/** Where a tool came from, next to its namespaced name. */
export interface ToolInfo {
  name: string;
  server: string;
  /** The name the server uses. */
  toolName: string;
  title?: string;
  description: string;
  inputSchema: JsonSchemaObject;
  outputSchema?: JsonSchemaObject;
  annotations?: Record<string, unknown>;
  /** What the tool reaches, as its server declares it (`tools/list` `_meta`). */
  access?: ToolAccess;
  timeoutMs: number;
}

/** Anything that serves MCP over a transport: an `McpServer` or a low-level `Server` of the SDK. */
export interface McpServerLike {
  connect(transport: Transport): Promise<void>;
  close?(): Promise<void>;
}

/** Builds one of our servers for an in-process (`builtin`) entry. */
export type BuiltinServerFactory = () => McpServerLike | Promise<McpServerLike>;

/** Answers a server's `sampling/createMessage` (the composition root maps it onto a Model). */
export type SamplingHandler = (
  params: CreateMessageRequest['params'],
  signal: AbortSignal,
) => Promise<CreateMessageResult>;

/** Answers a server's `elicitation/create`. Without one the host does not advertise elicitation. */
export type ElicitationHandler = (params: ElicitRequest['params'], signal: AbortSignal) => Promise<ElicitResult>;

/** The state of one configured server. */
export interface ServerStatus {
  name: string;
  kind: 'stdio' | 'url' | 'builtin';
  state: 'disabled' | 'connecting' | 'ready' | 'restarting' | 'failed' | 'closed';
  /** The transport actually used (`http` or `sse` for URLs, after fallback). */
  transport?: 'stdio' | 'http' | 'sse' | 'in-memory';
  /** Why it failed or last crashed. */
  error?: string;
  tools: number;
  restarts: number;
  serverInfo?: { name: string; version: string };
  /** The MCP revision spoken with it: `2026-07-28` (stateless) or `2025-11-25` and older. */
  protocolVersion?: string;
}
