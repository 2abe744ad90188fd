import { ClientRequestSchema } from '@modelcontextprotocol/core';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import { ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { z } from 'zod';

/** The schema of each request a client may send, by method (`tools/call` → CallToolRequestSchema). */
const REQUEST_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map(
  ClientRequestSchema.options.map((schema) => [schema.shape.method.value, schema as z.ZodType]),
);

type RequestId = string | number;

function errorResponse(id: RequestId | null, code: number, message: string, data?: unknown): JSONRPCMessage {
  // `id: null` is JSON-RPC's answer to a message whose id could not be read; the SDK's types omit it.
  return {
    jsonrpc: '2.0',
    id,
    error: { code, message, ...(data === undefined ? {} : { data }) },
  } as unknown as JSONRPCMessage;
}

interface SchemaError {
  issues: z.core.$ZodIssue[];
}

/** A zod error from whichever zod copy threw it (the SDK may bundle its own). */
function isSchemaError(error: unknown): error is SchemaError {
  return error instanceof Error && error.name === 'ZodError' && Array.isArray((error as Partial<SchemaError>).issues);
}

function issuesText(error: SchemaError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * The JSON-RPC error a client's request deserves before any handler sees it: `-32602` when a known
 * method's params don't match the MCP schema (the SDK would answer `-32603`, an internal error).
 * Unknown methods pass: the server answers `-32601` itself.
 */
export function invalidParamsError(message: JSONRPCMessage): JSONRPCMessage | undefined {
  if (!('method' in message) || !('id' in message)) return undefined;
  const schema = REQUEST_SCHEMAS.get(message.method);
  if (!schema) return undefined;
  const parsed = schema.safeParse({ method: message.method, params: message.params });
  if (parsed.success) return undefined;
  return errorResponse(
    message.id,
    ProtocolErrorCode.InvalidParams,
    `Invalid params for ${message.method}: ${issuesText(parsed.error)}`,
    { issues: parsed.error.issues },
  );
}

/**
 * A transport that answers malformed input itself (see enforceJsonRpc) and passes the rest on: for
 * entries that own their transport and install its handlers themselves, such as the SDK's `serveStdio`,
 * which picks the protocol era (2025-11-25 or 2026-07-28) from the first message.
 */
export function strictTransport(inner: Transport): Transport {
  const outer: Transport = {
    start: async () => {
      inner.onmessage = (message, extra) => outer.onmessage?.(message, extra);
      inner.onerror = (error) => outer.onerror?.(error);
      inner.onclose = () => outer.onclose?.();
      enforceJsonRpc(inner);
      await inner.start();
    },
    send: (message, options) => inner.send(message, options),
    close: () => inner.close(),
  };
  return outer;
}

/**
 * Makes a connected server transport answer malformed input as JSON-RPC says, instead of staying
 * silent (the SDK's stdio transport drops a line it cannot parse) or reporting an internal error:
 * - a line that is not JSON → `-32700` Parse error, id null;
 * - JSON that is not a JSON-RPC message (a batch, a bad id, no `jsonrpc`) → `-32600` Invalid Request;
 * - a known method with malformed params → `-32602` Invalid params, with the request's id.
 * Call it after `server.connect(transport)`, which installs the handlers it wraps.
 */
export function enforceJsonRpc(transport: Transport): void {
  const onmessage = transport.onmessage;
  const onerror = transport.onerror;
  const reply = (message: JSONRPCMessage) => {
    transport.send(message).catch(() => undefined); // a client that went away gets no answer
  };
  transport.onmessage = (message, extra) => {
    const invalid = invalidParamsError(message);
    if (invalid) reply(invalid);
    else onmessage?.(message, extra);
  };
  transport.onerror = (error) => {
    // The stdio transport reports a line it could not deserialize here, after consuming it.
    if (error instanceof SyntaxError)
      reply(errorResponse(null, ProtocolErrorCode.ParseError, `Parse error: ${error.message}`));
    else if (isSchemaError(error)) {
      reply(errorResponse(null, ProtocolErrorCode.InvalidRequest, `Invalid Request: ${issuesText(error)}`));
    }
    onerror?.(error);
  };
}
