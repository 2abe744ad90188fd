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
