import type { Audience, ToolAccess } from '../shared/index.js';
import type { JsonSchema } from './model/messages.js';

/**
 * Who a call is for. It reaches tools from the run (the bridge that received the message), never
 * from the model's arguments: the host copies it into each MCP call's `_meta`.
 */
export interface TrustedContext {
  tenantId: string;
  contactId?: string;
  sessionId?: string;
  /**
   * Who the run is for (absent: `staff`). In a `customer` run only customer-facing agents run, tools
   * that serve staff only are hidden and refused, and the servers bind every call to `contactId`.
   */
  audience?: Audience;
  /**
   * The base of the run's tool-call idempotency keys: the inbound message's event id when the run
   * answers one (RabbitMQ). Each call's key is this plus the call's position in the run (see
   * `execute-tool-call.ts`), so a redelivered message run again repeats the same keys.
   */
  runKey?: string;
}

/** Progress of a long tool call (MCP progress notifications end up here). */
export interface ToolProgress {
  progress: number;
  total?: number;
  message?: string;
}

export interface ToolContext extends TrustedContext {
  /** Aborts on cancellation, the call's deadline or the run's deadline. */
  signal: AbortSignal;
  /** The call's deadline in ms from its start: `signal` aborts by then (a tool need not time itself). */
  timeoutMs?: number;
  /**
   * The caller reads only `structured` of a successful result that has one (the memory context): a
   * builtin call may then leave that result's `content` empty instead of building its JSON text.
   */
  structuredOnly?: boolean;
  /** Name of the agent making the call. */
  agentName: string;
  /** The session's state (read-only view; tools change state through `ToolResult.actions.stateDelta`). */
  state: Readonly<Record<string, unknown>>;
  onProgress?: (progress: ToolProgress) => void;
  /** This call's idempotency key (in `_meta` to the servers); set when the run has a `runKey`. */
  idempotencyKey?: string;
  /** Set when a person approved this very call (a gated action): the host passes it in `_meta`. */
  approvalId?: string;
  /** The tool call span's W3C trace context (set when tracing): MCP tools pass it on in `_meta`. */
  traceparent?: string;
}

/** Side effects a tool asks the runtime for (ADK's EventActions). */
export interface ToolActions {
  /** Merge into session state after the call. */
  stateDelta?: Record<string, unknown>;
  /** Hand the conversation to this agent; it continues with the history (handoff). */
  handoffTo?: string;
  /** End the enclosing workflow (SequentialAgent / LoopAgent stop after this agent). */
  escalate?: boolean;
}

/**
 * A tool result. Failures are data: `isError: true` with a message the model can read and act on.
 */
export interface ToolResult {
  /** Text the model reads (JSON text for structured results). */
  content: string;
  isError?: boolean;
  /** The structured form, when the tool has one (MCP `structuredContent`). */
  structured?: unknown;
  actions?: ToolActions;
}

/**
 * A tool as the runtime sees it: a plain object. MCP tools from the host, agent-as-tool and local
 * function tools all have this shape.
 */
export interface Tool {
  name: string;
  description: string;
  /** JSON Schema of the arguments; the runtime validates arguments against it before `execute`. */
  inputSchema: JsonSchema;
  /** Per-call deadline; the runtime's default applies when absent. */
  timeoutMs?: number;
  /**
   * What the tool reaches (a host tool: as its server declares it). `tenant` means staff only — data
   * across customers, or an agent that serves staff — and is hidden from and refused in customer runs.
   */
  access?: ToolAccess;
  execute(args: Record<string, unknown>, context: ToolContext): Promise<ToolResult>;
}
