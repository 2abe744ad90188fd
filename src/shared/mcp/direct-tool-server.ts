import type { CallToolResult } from '@modelcontextprotocol/server';

/** One progress report of a direct call, as `notifications/progress` would carry it. */
export interface DirectToolProgress {
  progress: number;
  total?: number;
  message?: string;
}

/** One `tools/call` made in process: what the request's `params` and the SDK's handler context would carry. */
export interface DirectToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /** The request's `_meta` (trusted ids, idempotency key, traceparent, progressToken), as on the wire. */
  _meta?: Record<string, unknown>;
  /** Aborts as the SDK's request signal would: the client cancelled or its timeout passed. */
  signal: AbortSignal;
  /** The client's deadline on `signal` (it aborts by then at the latest), counted from the call. */
  timeoutMs?: number;
  /** The caller reads only `structuredContent` of a success: its JSON text block may be left out. */
  structuredOnly?: boolean;
  /** Receives what the server would send as `notifications/progress` for the call's progressToken. */
  notifyProgress?: (progress: DirectToolProgress) => Promise<void>;
}

/**
 * A tool server the host may call in process, without the MCP protocol: our builtin servers. It answers
 * exactly what the server's `tools/call` handler would (input validation with the tool's own schema,
 * the same context from `_meta`, the same error results), minus the JSON-RPC round trip and the
 * protocol's schema checks of request and result, which a call that never leaves the process does not
 * need. `callTool` returns undefined for a name the server does not serve: the caller then takes the
 * MCP path, which answers that as the protocol does.
 */
export interface DirectToolServer {
  callTool(call: DirectToolCall): Promise<DirectToolAnswer> | undefined;
}

/** What a direct call answers: the result as the server would send it, and what is left to check. */
export interface DirectToolAnswer {
  result: CallToolResult;
  /**
   * False when the structured result passed the server's (zod) output check but not the fast check
   * that vouches for the client's JSON Schema check too: the caller runs that check itself, with the
   * listed output schema, as an MCP client does. True: nothing left to check.
   */
  outputVerified: boolean;
}

/** Direct servers by the server object the builtin factory returned (an `McpServer`). */
const directServers = new WeakMap<object, DirectToolServer>();

/** Marks `server` as callable in process through `direct` (see createToolServer). */
export function attachDirectToolServer(server: object, direct: DirectToolServer): void {
  directServers.set(server, direct);
}

/** The in-process entry of a server built by createToolServer; undefined for any other server. */
export function directToolServerOf(server: object): DirectToolServer | undefined {
  return directServers.get(server);
}
