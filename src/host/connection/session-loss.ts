import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { SdkHttpError } from '@modelcontextprotocol/client';
import type { OpenedTransport } from './open-transport.js';

/** Status a Streamable HTTP server answers for a session it no longer knows (restart or expiry). */
const SESSION_NOT_FOUND = 404;

/** True when `error` is the Streamable HTTP transport reporting HTTP 404. */
export function isNotFoundResponse(error: unknown): boolean {
  return error instanceof SdkHttpError && error.status === SESSION_NOT_FOUND;
}

/**
 * True when the connection speaks Streamable HTTP with a session id. Only then does a 404 mean
 * "session gone, start a new one" (MCP spec, transports: session management); from a stateless
 * server a 404 just means the endpoint is not there, and re-initializing would not help.
 */
export function hasHttpSession(opened: OpenedTransport | undefined): boolean {
  return opened?.kind === 'http' && (opened.transport as StreamableHTTPClientTransport).sessionId !== undefined;
}
