import type { DynamicToolSource, ToolSpec } from '../framework/index.js';
import { LeadScoreLedger } from './lead-score-ledger.js';
import type { ProxyRule } from './proxy-rules.js';
import type { RemoteTool, RemoteToolCatalog } from './remote-tool-catalog.js';
import type { ToolServiceClient } from './tool-service-client.js';

/** What the proxied tools share: the Go client, the local rules to check first, what Go answered so far. */
export interface ProxyKit {
  client: ToolServiceClient;
  /** Local business rules by tool name (proxy-rules.ts), checked before a call leaves. */
  rules?: ReadonlyMap<string, ProxyRule>;
  /** Fed with every Go answer (the lead scores the rules need). */
  ledger?: LeadScoreLedger;
}

/** The handler of a proxied tool: local rules first, then ExecuteTool; the answer feeds the ledger. */
function forwarder(name: string, kit: ProxyKit): ToolSpec['handler'] {
  const rule = kit.rules?.get(name);
  return async (args, ctx) => {
    const input = args as Record<string, unknown>;
    if (rule) await rule(input, ctx);
    const result = await kit.client.executeTool(name, input, ctx);
    kit.ledger?.observe(ctx.tenantId, result);
    return result;
  };
}

/**
 * The same tools (names, descriptions, input schemas) with handlers that forward to the Go tool
 * service's ExecuteTool instead of the local store. Arguments are validated here first against the local
 * schema, then the local business rules run (30 % cap, 3 offers, score ≥ 60: see proxy-rules.ts), so the
 * Go side only ever sees well-formed calls the local tools would have accepted; the tenant travels from
 * the CallContext, never from the arguments. The output schema is dropped: the Go service owns the shape
 * of its results, and a local schema it does not match would turn every answer into a validation error.
 */
export function proxyTools(specs: readonly ToolSpec[], kit: ProxyKit | ToolServiceClient): ToolSpec[] {
  const resolved: ProxyKit = 'executeTool' in kit ? { client: kit } : kit;
  return specs.map(({ output: _localOutput, ...spec }) => ({ ...spec, handler: forwarder(spec.name, resolved) }));
}

/**
 * A Go tool the host does not know, as a tool of ours: the Go-provided schema (already checked as JSON
 * Schema and converted, see remote-tool-schema.ts) validates the arguments. `contact` access: in a
 * customer conversation it is bound to the trusted contact, and the Go side receives the audience.
 * Treated as writing (a repeated idempotency key returns the first answer): the host cannot tell.
 */
function remoteToolSpec(tool: RemoteTool, kit: ProxyKit): ToolSpec {
  return {
    name: tool.name,
    description: tool.description || `${tool.name} (a tool of the Go CRM)`,
    input: tool.input,
    access: 'contact',
    writes: true,
    handler: forwarder(tool.name, kit),
  };
}

/**
 * The Go tools a proxied server offers besides its own: those the Go side lists for this server (or for
 * none in particular) that no local server knows. Kept current as the catalog refreshes; the MCP server
 * adds and removes them and tells its clients (`notifications/tools/list_changed`).
 */
export function remoteToolSource(
  server: string,
  catalog: RemoteToolCatalog,
  knownNames: ReadonlySet<string>,
  kit: ProxyKit,
): DynamicToolSource {
  let built: { from: readonly RemoteTool[]; specs: ToolSpec[] } | undefined;
  const current = () => {
    const from = catalog.tools();
    if (built?.from !== from) {
      const mine = from.filter((t) => !knownNames.has(t.name) && (t.server === undefined || t.server === server));
      built = { from, specs: mine.map((t) => remoteToolSpec(t, kit)) };
    }
    return built.specs;
  };
  return { current, onChange: (listener) => catalog.onChange(() => listener()) };
}

export { LeadScoreLedger };
