import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  type ClientCapabilities,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ErrorCode,
  ListRootsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { errorMessage } from '../../shared/index.js';
import type { ElicitationHandler, SamplingHandler } from '../types.js';

/** What the host answers when a server asks it something (server → client requests). */
export interface ClientHandlers {
  sampling?: SamplingHandler;
  elicitation?: ElicitationHandler;
  /** `file://` URIs offered as roots. */
  roots: Array<{ uri: string; name?: string }>;
}

/** The capabilities the host advertises, derived from which handlers exist. */
export function clientCapabilities(handlers: ClientHandlers): ClientCapabilities {
  return {
    roots: { listChanged: false },
    // Advertised only when someone can answer (a person upstream, or the approvals queue): a client
    // that advertises elicitation and then declines every request is what users complain about.
    ...(handlers.elicitation ? { elicitation: { form: {} } } : {}),
    ...(handlers.sampling ? { sampling: {} } : {}),
  };
}

/** Registers the sampling, roots and elicitation handlers on a fresh client. */
export function installClientHandlers(client: Client, handlers: ClientHandlers, server: string): void {
  client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: handlers.roots }));

  const sampling = handlers.sampling;
  if (sampling) {
    client.setRequestHandler(CreateMessageRequestSchema, async (request, extra) => {
      try {
        return await sampling(request.params, extra.signal);
      } catch (error) {
        throw new McpError(ErrorCode.InternalError, `sampling for server "${server}" failed: ${errorMessage(error)}`);
      }
    });
  }

  const elicitation = handlers.elicitation;
  if (elicitation) {
    client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
      try {
        return await elicitation(request.params, extra.signal);
      } catch (error) {
        throw new McpError(
          ErrorCode.InternalError,
          `elicitation for server "${server}" failed: ${errorMessage(error)}`,
        );
      }
    });
  }
}
