import type { Client, ClientCapabilities } from '@modelcontextprotocol/client';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client';
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
    // `applyDefaults` (SEP-1034): a field the person left empty in an accepted form gets the default the
    // server's schema gives it (the SDK fills it in before the answer leaves), as the server expects.
    ...(handlers.elicitation ? { elicitation: { form: { applyDefaults: true } } } : {}),
    ...(handlers.sampling ? { sampling: {} } : {}),
  };
}

/** Registers the sampling, roots and elicitation handlers on a fresh client. */
export function installClientHandlers(client: Client, handlers: ClientHandlers, server: string): void {
  client.setRequestHandler('roots/list', () => ({ roots: handlers.roots }));

  const sampling = handlers.sampling;
  if (sampling) {
    client.setRequestHandler('sampling/createMessage', async (request, ctx) => {
      try {
        return await sampling(request.params, ctx.mcpReq.signal);
      } catch (error) {
        throw new ProtocolError(
          ProtocolErrorCode.InternalError,
          `sampling for server "${server}" failed: ${errorMessage(error)}`,
        );
      }
    });
  }

  const elicitation = handlers.elicitation;
  if (elicitation) {
    client.setRequestHandler('elicitation/create', async (request, ctx) => {
      try {
        return await elicitation(request.params, ctx.mcpReq.signal);
      } catch (error) {
        throw new ProtocolError(
          ProtocolErrorCode.InternalError,
          `elicitation for server "${server}" failed: ${errorMessage(error)}`,
        );
      }
    });
  }
}
