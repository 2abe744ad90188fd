import { activeTracer, captureMessageContent } from '../../shared/telemetry/active-tracer.js';
import { contentAttribute } from '../../shared/telemetry/redact.js';
import type { Span } from '../../shared/telemetry/span.js';
import { traceparentOfMeta } from '../../shared/telemetry/trace-meta.js';
import type { CallContext } from './call-context.js';
import type { ToolSpec } from './define-tool.js';

/** Retrieved documents recorded on a retrieval span at most (the first, best ranked). */
const MAX_DOCUMENTS = 20;

/** A tool call's server-side span; ends once. */
export interface ToolCallSpan {
  /** The span's W3C trace context (for the log lines written inside the call). */
  readonly traceparent?: string | undefined;
  end(result: unknown, error?: unknown): void;
}

const NOOP: ToolCallSpan = { end() {} };

/**
 * The server side of a tool call, continuing the caller's trace from `_meta.traceparent` (OpenTelemetry's
 * MCP conventions: `tools/call {tool}`, a server span). Without trace context there is no span: a call
 * from a client that does not trace would only add disconnected one-span traces. A retrieval tool (its
 * spec's `retrievalDocuments`) is an OpenInference RETRIEVER span carrying the ids and scores of what it
 * found, so Phoenix shows what the agent was given.
 */
export function startToolCallSpan(tool: ToolSpec, meta: unknown, ctx: CallContext, args: unknown): ToolCallSpan {
  const traceparent = traceparentOfMeta(meta);
  const tracer = activeTracer();
  if (traceparent === undefined || tracer.continueTrace === undefined) return NOOP;
  const parent = tracer.continueTrace(traceparent);
  if (parent === undefined) return NOOP;
  const retrieval = tool.retrievalDocuments !== undefined;
  const span = tracer.startSpan(
    `tools/call ${tool.name}`,
    {
      'mcp.method.name': 'tools/call',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': tool.name,
      'openinference.span.kind': retrieval ? 'RETRIEVER' : 'TOOL',
      'tool.name': tool.name,
      'tenant.id': ctx.tenantId,
      'session.id': ctx.sessionId,
      ...(captureMessageContent() ? { 'input.value': contentAttribute(args) } : {}),
    },
    parent,
    'server',
  );
  let ended = false;
  return {
    traceparent: span.traceparent?.(),
    end(result, error) {
      if (ended) return;
      ended = true;
      if (error !== undefined) span.recordError(error);
      else if (tool.retrievalDocuments) recordDocuments(span, tool.retrievalDocuments(result));
      span.end();
    },
  };
}

function recordDocuments(span: Span, documents: ReadonlyArray<{ id: string; score?: number }>): void {
  span.setAttribute('retrieval.documents.count', documents.length);
  documents.slice(0, MAX_DOCUMENTS).forEach((doc, i) => {
    span.setAttribute(`retrieval.documents.${i}.document.id`, doc.id);
    if (doc.score !== undefined) span.setAttribute(`retrieval.documents.${i}.document.score`, doc.score);
  });
}
