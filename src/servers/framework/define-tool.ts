import type { ContentBlock } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { ToolAccess } from '../../shared/index.js';
import type { CallContext } from './call-context.js';

/** MCP tool annotations: hints for clients, never trusted for security. */
export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/**
 * One MCP tool: zod shapes for input and output, a description written as a prompt (when to use it,
 * what it returns), and a handler that gets validated arguments plus the trusted CallContext.
 * Throw a ToolError for business failures the model should read.
 */
export interface ToolSpec<I extends z.ZodRawShape = z.ZodRawShape, O extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title?: string;
  description: string;
  input: I;
  output?: O;
  /**
   * What the tool reaches — `contact` (one contact's data), `tenant` (across contacts: refused in
   * customer calls) or `public` (no contact data). Required: every tool decides, in code, what a
   * customer conversation may do with it; the framework enforces it before the handler runs.
   */
  access: ToolAccess;
  annotations?: ToolAnnotations;
  /** Deadline of one call; the framework's default (30 s) when absent. */
  timeoutMs?: number;
  /**
   * The tool writes (an offer, a ticket, a task, a memory, …): a call carrying an idempotency key in
   * `_meta` (`io.ventros/idempotency_key`) runs once per key, and a repeat returns the first result
   * (see `idempotency.ts`). Tools that only read leave it unset.
   */
  writes?: boolean;
  /**
   * A retrieval tool names what it found (ids and relevance scores): its server span is then an
   * OpenInference RETRIEVER span listing them (ids and scores only, never the documents' text).
   */
  retrievalDocuments?(result: unknown): ReadonlyArray<{ id: string; score?: number }>;
  /**
   * The result as MCP content blocks (an image, audio, an embedded resource) in place of the default
   * JSON text block; `structuredContent` still carries the value. For tools whose answer is media.
   */
  present?(result: Record<string, unknown>): ContentBlock[];
  handler(args: z.infer<z.ZodObject<I>>, ctx: CallContext): Promise<z.infer<z.ZodObject<O>> | Record<string, unknown>>;
}

/**
 * Declares a tool. An identity function that lets TypeScript infer the argument types of the handler
 * from the input shape.
 *
 * @example
 * const echo = defineTool({
 *   name: 'echo', description: 'Repeats the text.', access: 'public',
 *   input: { text: z.string().describe('Text to repeat') },
 *   output: { text: z.string() },
 *   async handler({ text }) { return { text }; },
 * });
 */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape = z.ZodRawShape>(
  spec: ToolSpec<I, O>,
): ToolSpec<I, O> {
  return spec;
}

/** One entry of a resource listing. */
export interface ResourceEntry {
  uri: string;
  name: string;
  description?: string;
  mimeType?: string;
}

/**
 * A resource (fixed URI) or resource template (`crm://contacts/{id}`). `read` returns a JSON value
 * (served as application/json), a string (served as `mimeType`, default text/plain) or bytes (a
 * Uint8Array, served base64 as a `blob` of `mimeType`, default application/octet-stream).
 */
export interface ResourceSpec {
  name: string;
  uriTemplate: string;
  description: string;
  mimeType?: string;
  list?(ctx: CallContext): Promise<ResourceEntry[]>;
  read(uri: URL, vars: Record<string, string | string[]>, ctx: CallContext): Promise<unknown>;
}

/** Declares a resource (identity, for symmetry with defineTool). */
export function defineResource(spec: ResourceSpec): ResourceSpec {
  return spec;
}
