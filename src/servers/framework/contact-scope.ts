import { CONTACT_ARGUMENT, type ToolAccess } from '../../shared/index.js';
import type { CallContext } from './call-context.js';
import { ToolError } from './tool-error.js';

/**
 * The contact a tool acts on: the one the model named, else the call's trusted contact. Staff calls may
 * name any contact of the tenant (the tenant itself is never the model's choice); a customer call is
 * bound to its trusted contact, and naming another one is a tool error.
 */
export function contactIdOf(argument: string | undefined, ctx: CallContext): string {
  if (ctx.audience === 'customer') return customerContactOf(argument, ctx);
  const id = argument ?? ctx.contactId;
  if (!id) throw new ToolError('No contact: pass contact_id (this conversation has no current contact).');
  return id;
}

function customerContactOf(argument: string | undefined, ctx: CallContext): string {
  if (!ctx.contactId) {
    throw new ToolError('This conversation has no identified customer, so no customer data can be read or changed.');
  }
  if (argument !== undefined && argument !== ctx.contactId) {
    throw new ToolError(
      'In a conversation with a customer only that customer’s own data can be read or changed: leave contact_id out.',
    );
  }
  return ctx.contactId;
}

/**
 * Whether the caller may see a record that belongs to `ownerContactId` (a lead, a ticket): always for
 * staff, only its own for a customer call. Tools answer "not found" otherwise, so a customer cannot
 * probe other customers' ids.
 */
export function callerMayAccess(ctx: CallContext, ownerContactId: string | null | undefined): boolean {
  return ctx.audience !== 'customer' || (ctx.contactId !== undefined && ownerContactId === ctx.contactId);
}

/**
 * The audience rules every tool call goes through before its handler (the server framework applies
 * them, so a standalone server is as safe as one behind the host): a customer call may not use a
 * tenant-wide tool, and a contact tool is bound to the trusted contact.
 */
export function enforceAccess(
  tool: { name: string; access: ToolAccess },
  args: Readonly<Record<string, unknown>>,
  ctx: CallContext,
): void {
  if (ctx.audience !== 'customer' || tool.access === 'public') return;
  if (tool.access === 'tenant') {
    throw new ToolError(
      `${tool.name} reads data across customers and is not available in a conversation with a customer.`,
    );
  }
  const named = args[CONTACT_ARGUMENT];
  customerContactOf(typeof named === 'string' ? named : undefined, ctx);
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
