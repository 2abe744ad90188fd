import { type CallContext, contactIdOf, defineResource, type ResourceSpec, ToolError } from '../framework/index.js';
import type { MemoryBackend } from './memory-backend.js';

/** The contact of a resource URI; a customer call may read only its own (the framework's `contactIdOf`). */
function uriContactOf(vars: Record<string, string | string[]>, ctx: CallContext): string {
  const raw = vars.id;
  const id = Array.isArray(raw) ? raw[0] : raw;
  if (!id || id.length > 200) throw new ToolError('the resource URI needs a contact id: crm://contacts/{id}');
  return contactIdOf(decodeURIComponent(id), ctx);
}

/**
 * Read-only views of a contact for clients that browse resources: `crm://contacts/{id}` (profile and
 * stats) and `crm://contacts/{id}/memories` (recent memories). Scoped to the call's trusted tenant (and, for a customer, to its own contact).
 */
export function memoryResources(backend: MemoryBackend): ResourceSpec[] {
  return [
    defineResource({
      name: 'contact',
      uriTemplate: 'crm://contacts/{id}',
      description: 'A CRM contact: profile and stats (messages, purchases, lifetime value, tickets, churn risk).',
      mimeType: 'application/json',
      async read(_uri, vars, ctx) {
        const context = await backend.getContactContext(
          ctx.tenantId,
          { contact_id: uriContactOf(vars, ctx), include_graph: false, history_limit: 1 },
          ctx.signal,
        );
        return { profile: context.profile, stats: context.stats };
      },
    }),
    defineResource({
      name: 'contact-memories',
      uriTemplate: 'crm://contacts/{id}/memories',
      description: "A CRM contact's most recent long-term memories (up to 50), newest first.",
      mimeType: 'application/json',
      async read(_uri, vars, ctx) {
        const contactId = uriContactOf(vars, ctx);
        const context = await backend.getContactContext(
          ctx.tenantId,
          { contact_id: contactId, include_graph: false, history_limit: 50 },
          ctx.signal,
        );
        return { contact_id: contactId, memories: context.recent_memories };
      },
    }),
  ];
}
