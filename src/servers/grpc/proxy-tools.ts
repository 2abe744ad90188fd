import type { ToolSpec } from '../framework/index.js';
import type { ToolServiceClient } from './tool-service-client.js';

/**
 * The same tools (names, descriptions, input schemas) with handlers that forward to the Go tool
 * service's ExecuteTool instead of the local store. Arguments are validated here first, so the Go side
 * only ever sees well-formed calls; the tenant travels from the CallContext, never from the arguments.
 * The output schema is dropped: the Go service owns the shape of its results, and a local schema it
 * does not match would turn every answer into a validation error.
 */
export function proxyTools(specs: readonly ToolSpec[], client: ToolServiceClient): ToolSpec[] {
  return specs.map(({ output: _localOutput, ...spec }) => ({
    ...spec,
    async handler(args, ctx) {
      return client.executeTool(spec.name, args as Record<string, unknown>, ctx);
    },
  }));
}
