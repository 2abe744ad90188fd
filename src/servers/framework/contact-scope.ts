import type { CallContext } from './call-context.js';
import { ToolError } from './tool-error.js';

/**
 * The contact a tool acts on: the one the model named, else the call's trusted contact. The model may
 * ask about any contact of the tenant (the tenant itself is never its choice).
 */
export function contactIdOf(argument: string | undefined, ctx: CallContext): string {
  const id = argument ?? ctx.contactId;
  if (!id) throw new ToolError('No contact: pass contact_id (this conversation has no current contact).');
  return id;
}

/** Reads a contact of one tenant; the store's `contacts` repository fits. */
export interface ContactLookup<C> {
  get(tenantId: string, contactId: string): C | undefined;
}

/** The contact, or a ToolError the model can read when the tenant has no such contact. */
export function requireContact<C>(contacts: ContactLookup<C>, tenantId: string, contactId: string): C {
  const contact = contacts.get(tenantId, contactId);
  if (!contact) throw new ToolError(`Contact "${contactId}" not found.`, { contact_id: contactId });
  return contact;
}
