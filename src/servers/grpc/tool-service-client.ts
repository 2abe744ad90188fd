import type { CallContext } from '../framework/index.js';

/** One tool as the Go tool service describes it (ListTools). */
export interface RemoteToolInfo {
  name: string;
  description: string;
  /** JSON Schema of the arguments, as a JSON string on the wire, parsed here; absent when not a JSON object. */
  parameters?: Record<string, unknown>;
  /** Which host server should offer it when the host does not know it (bi, sales, retention, support). */
  server?: string;
}

/**
 * Client of `ventros.tools.ToolService` (the Go CRM's tools). `executeTool` returns the parsed JSON
 * result, or throws a ToolError (business failure) / typed error (transport failure).
 */
export interface ToolServiceClient {
  listTools(tenantId: string, signal?: AbortSignal): Promise<RemoteToolInfo[]>;
  executeTool(name: string, args: Record<string, unknown>, ctx: CallContext): Promise<Record<string, unknown>>;
  close(): void;
}
