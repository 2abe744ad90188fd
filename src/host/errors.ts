import { VentrosError } from '../shared/index.js';

/**
 * What went wrong in the host. Tool failures are NOT here: they come back as results with
 * `isError: true`. These are failures of the host itself or of a server as a whole.
 */
export type HostErrorCode =
  /** `mcp.config.json` is unreadable, not JSON, or does not match the schema. */
  | 'invalid_config'
  /** A server could not be started or initialized (spawn failure, HTTP refused, connect timeout). */
  | 'connect_failed'
  /** A server is configured but not connected (failed at start-up, disabled, or restarting). */
  | 'server_unavailable'
  /** The server's process exited or its transport closed while a call was in flight. */
  | 'server_crashed'
  /** The call's deadline (`timeout_ms`) passed; the server was told to cancel. */
  | 'deadline_exceeded'
  /** The caller's signal aborted; the server was told to cancel. */
  | 'cancelled'
  /** No tool by that name (or glob) in the aggregated catalog. */
  | 'tool_not_found'
  /** A bare tool name that more than one server offers. */
  | 'ambiguous_tool'
  /** The server answered with a JSON-RPC error or something the SDK rejected. */
  | 'protocol_error'
  /** The host was closed. */
  | 'closed'
  /** A remote server needs an OAuth login (`ventros mcp login <server>`): no tokens, or refused ones. */
  | 'auth_required';

/** Facts attached to a HostError. */
export interface HostErrorDetails {
  server?: string;
  tool?: string;
  [key: string]: unknown;
}

/**
 * The host layer's one error class. `code` tells what failed; `server` and `tool` say where.
 * `deadline_exceeded` and `cancelled` use the same codes as the shared errors so bridges map them
 * to the same wire statuses.
 */
export class HostError extends VentrosError {
  declare readonly code: HostErrorCode;
  declare readonly server?: string;
  declare readonly tool?: string;

  constructor(code: HostErrorCode, message: string, options?: { cause?: unknown; details?: HostErrorDetails }) {
    super(code, message, options);
    if (options?.details?.server) this.server = options.details.server;
    if (options?.details?.tool) this.tool = options.details.tool;
  }

  static override isInstance(value: unknown): value is HostError {
    return value instanceof HostError;
  }
}
