import type { GateLookups } from '../../agents/approvals/index.js';
import type { McpHost } from '../../host/index.js';
import type { ServerDeps } from '../../servers/registry.js';

/**
 * What the approval rules read from the CRM: the customer's CLV through the retention server's
 * `check_customer_value` (whichever backend serves it: the local store or the Go CRM), and a lead's
 * score from the local store (with the Go CRM behind the tools it is unknown, and the sales server's
 * own threshold applies).
 */
export function approvalLookups(host: McpHost, deps: ServerDeps, useLocalStore: boolean): GateLookups {
  const clvTool = host.toolInfo().find((t) => t.toolName === 'check_customer_value')?.name;
  return {
    async customerClv(request, contactId) {
      if (!clvTool) return undefined;
      const result = await host.callTool(
        clvTool,
        { contact_id: contactId },
        {
          tenantId: request.trusted.tenantId,
          ...(request.trusted.contactId ? { contactId: request.trusted.contactId } : {}),
          ...(request.trusted.sessionId ? { sessionId: request.trusted.sessionId } : {}),
          audience: 'staff',
          signal: request.signal,
        },
      );
      if (result.isError) return undefined;
      const clv = (result.structured as { clv?: unknown } | undefined)?.clv;
      return typeof clv === 'number' ? clv : undefined;
    },
    async leadScore(request, target) {
      if (!useLocalStore) return undefined;
      const leads = deps.store.crm.leads;
      const tenantId = request.trusted.tenantId;
      const contactId = target.contact_id ?? request.trusted.contactId;
      const lead = target.lead_id
        ? leads.get(tenantId, target.lead_id)
        : contactId
          ? leads.latestForContact(tenantId, contactId)
          : undefined;
      return lead ? lead.score : undefined;
    },
  };
}
