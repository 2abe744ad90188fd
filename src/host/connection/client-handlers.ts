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
    // Elicitation is always advertised so servers that ask get a clear "declined" instead of an
    // unsupported-method error; with no UI that is the honest answer.
    elicitation: { form: {} },
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
  client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
    if (!elicitation) {
      // "decline" is the spec's answer for a user who says no; here nobody can be asked.
      return {
        action: 'decline',
        _meta: { 'io.ventros/reason': 'this host has no user interface to answer elicitation requests' },
      };
    }
    return elicitation(request.params, extra.signal);
  });
}
