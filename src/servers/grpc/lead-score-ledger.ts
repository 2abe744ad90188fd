/** A lead as the Go side's sales tools return it (`lead` in their results). */
interface SeenLead {
  leadId: string;
  score: number | null;
}

const MAX_ENTRIES = 10_000;

/**
 * The lead scores the host saw in the Go tool service's answers (`qualify_lead`, `calculate_lead_score`,
 * `update_pipeline_stage` return the lead), by tenant and lead id and by tenant and contact (its latest
 * lead). The Go side has no read-only lead tool, so this is what the host knows before forwarding an
 * `assign_to_agent`. Bounded: the oldest entries go first.
 */
export class LeadScoreLedger {
  private readonly entries = new Map<string, SeenLead>();

  /** Records the `lead` of a Go result, when it has one with an id and a score (number or null). */
  observe(tenantId: string, result: Record<string, unknown>): void {
    const lead = result.lead;
    if (lead === null || typeof lead !== 'object') return;
    const { lead_id: leadId, contact_id: contactId, score } = lead as Record<string, unknown>;
    if (typeof leadId !== 'string' || !(typeof score === 'number' || score === null)) return;
    const seen = { leadId, score };
    this.set(`${tenantId}\u0000lead\u0000${leadId}`, seen);
    if (typeof contactId === 'string') this.set(`${tenantId}\u0000contact\u0000${contactId}`, seen);
  }

  /** The lead last seen by id, or the latest one seen for the contact. */
  find(
    tenantId: string,
    target: { leadId?: string | undefined; contactId?: string | undefined },
  ): SeenLead | undefined {
    if (target.leadId) return this.entries.get(`${tenantId}\u0000lead\u0000${target.leadId}`);
    if (target.contactId) return this.entries.get(`${tenantId}\u0000contact\u0000${target.contactId}`);
    return undefined;
  }

  private set(key: string, value: SeenLead): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
