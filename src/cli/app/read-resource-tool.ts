import { z } from 'zod';
import { READ_RESOURCE_TOOL } from '../../agents/catalog/index.js';
import { functionTool } from '../../agents/runtime/index.js';
import type { Tool } from '../../agents/tool.js';
import type { McpHost } from '../../host/index.js';
import { errorMessage } from '../../shared/index.js';

/** The longest resource text a model reads at once (a contact's recent memories fit easily). */
const MAX_TEXT_CHARS = 20_000;

/**
 * `read_resource`: the agents read the tool servers' `crm://` resources through the host — a contact's
 * profile and stats (`crm://contacts/{id}`) or recent memories (`crm://contacts/{id}/memories`). The
 * trusted tenant, contact and audience travel in `_meta` as on tool calls, so a customer run reads its
 * own contact only (the server refuses another, and the refusal is a tool error the model reads).
 */
export function readResourceTool(host: McpHost): Tool {
  return {
    ...functionTool({
      name: READ_RESOURCE_TOOL,
      description:
        "Read a CRM resource by URI: crm://contacts/{id} (the contact's profile and stats) or " +
        'crm://contacts/{id}/memories (recent memories). Use the id of the contact you are serving.',
      parameters: z.object({
        uri: z
          .string()
          .regex(/^crm:\/\/\S+$/, 'a crm:// URI, e.g. crm://contacts/contact-carlos')
          .max(500),
      }),
      async execute({ uri }, ctx) {
        try {
          const result = await host.readResource(uri, {
            tenantId: ctx.tenantId,
            ...(ctx.contactId ? { contactId: ctx.contactId } : {}),
            ...(ctx.sessionId ? { sessionId: ctx.sessionId } : {}),
            ...(ctx.audience ? { audience: ctx.audience } : {}),
            signal: ctx.signal,
          });
          const text = result.contents
            .map((c) => ('text' in c && typeof c.text === 'string' ? c.text : `[${c.mimeType ?? 'binary'} content]`))
            .join('\n');
          return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}\n[truncated]` : text;
        } catch (error) {
          return { content: `Could not read ${uri}: ${errorMessage(error)}`, isError: true };
        }
      },
    }),
    access: 'contact',
  };
}
