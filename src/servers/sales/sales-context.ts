import { type CallContext, callerMayAccess, contactIdOf, requireContact, ToolError } from '../framework/index.js';
import type { CrmStore } from '../store/index.js';
import type { LeadRow } from '../store/repositories/crm/index.js';

/** What the sales tools need. */
export interface SalesDeps {
  /** `readBatch` lets a tool's reads share one check for other connections' commits. */
  store: Pick<CrmStore, 'crm' | 'contacts' | 'readBatch'>;
  now?: () => Date;
}

/**
 * The lead a sales tool acts on: `lead_id` if given (in a customer call, only a lead of the trusted
 * contact); else the contact's open (or latest) lead; with `createIfMissing`, a new lead for a known
 * contact that has none.
 */
export function resolveLead(
  deps: SalesDeps,
  args: { lead_id?: string | undefined; contact_id?: string | undefined },
  ctx: CallContext,
  createIfMissing = false,
): LeadRow {
  const leads = deps.store.crm.leads;
  if (args.lead_id) {
    const lead = leads.get(ctx.tenantId, args.lead_id);
    // A customer call sees only its own contact's leads; another's reads as missing.
    if (!lead || !callerMayAccess(ctx, lead.contact_id))
      throw new ToolError(`Lead "${args.lead_id}" not found.`, { lead_id: args.lead_id });
    return lead;
  }
  const contactId = contactIdOf(args.contact_id, ctx);
  const existing = leads.latestForContact(ctx.tenantId, contactId);
  if (existing) return existing;
  requireContact(deps.store.contacts, ctx.tenantId, contactId);
  if (!createIfMissing) {
    throw new ToolError(`Contact "${contactId}" has no lead yet: qualify it first with qualify_lead.`, {
      contact_id: contactId,
    });
  }
  return leads.create(ctx.tenantId, { contact_id: contactId, source: 'whatsapp' });
}
