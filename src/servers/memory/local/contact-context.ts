import { NotFoundError } from '../../../shared/index.js';
import type { ContactContext, ContactContextQuery } from '../memory-backend.js';
import { churnRisk } from './churn-risk.js';
import type { ContactReads } from './contact-reads.js';

const DAY_MS = 86_400_000;

function latest(...values: (string | null | undefined)[]): string | null {
  const present = values.filter((v): v is string => typeof v === 'string' && v !== '');
  return present.length > 0 ? (present.sort().at(-1) ?? null) : null;
}

function earliest(...values: (string | null | undefined)[]): string | null {
  const present = values.filter((v): v is string => typeof v === 'string' && v !== '');
  return present.length > 0 ? (present.sort()[0] ?? null) : null;
}

/**
 * Everything known about one contact: profile, recent memories and messages, activity stats with a
 * churn risk (see churn-risk.ts), and optionally the knowledge graph around them (2 hops). The reads
 * come from `reads` (kept until their tables change); only what depends on `now` is computed here.
 */
export function contactContext(
  reads: ContactReads,
  tenantId: string,
  query: ContactContextQuery,
  now: Date,
): Omit<ContactContext, 'latency_ms'> {
  const contact = reads.profile(tenantId, query.contact_id);
  if (!contact) throw new NotFoundError(`contact ${query.contact_id} not found`, { contact_id: query.contact_id });
  const memories = reads.memories(tenantId, contact.id, query.history_limit, query.entity_types);
  const messages = reads.messages(tenantId, contact.id, query.history_limit);
  const messageStats = messages.stats;
  const activity = reads.activity(tenantId, contact.id);
  const lastActivity = latest(messageStats.last, activity.lastPurchaseAt, activity.lastTicketAt, memories.newest);
  const complaints = (memories.counts.complaint ?? 0) + activity.complaintTickets;
  const stats = {
    total_messages: messageStats.total,
    total_purchases: activity.purchases,
    lifetime_value: Math.max(contact.lifetime_value, activity.purchaseTotal),
    first_contact: earliest(contact.created_at, messageStats.first),
    last_activity: lastActivity,
    open_tickets: activity.openTickets,
    complaints,
    offers_received: activity.offers,
    sentiment_average:
      messageStats.sentimentAverage === null ? null : Math.round(messageStats.sentimentAverage * 100) / 100,
    churn_risk: churnRisk({
      sentimentAverage: messageStats.sentimentAverage,
      complaints,
      daysSinceLastActivity: lastActivity ? (now.getTime() - Date.parse(lastActivity)) / DAY_MS : null,
      mentionsCancellation: messages.inboundMentionsCancellation || memories.complaintMentionsCancellation,
    }),
  };
  const customFields: Record<string, string> = {
    status: contact.status,
    language: contact.language,
    lifetime_value: String(contact.lifetime_value),
    created_at: contact.created_at,
  };
  if (contact.company) customFields.company = contact.company;
  if (contact.customer_since) customFields.customer_since = contact.customer_since;
  // The latest lead's pipeline and tracking facts: what the knowledge scope's include_pipeline and
  // include_tracking show the agent (as the Go CRM's custom fields would carry them).
  const lead = reads.lead(tenantId, contact.id);
  if (lead) {
    customFields.lead_stage = lead.stage;
    customFields.lead_source = lead.source;
    if (lead.score !== null) customFields.lead_score = String(lead.score);
    if (lead.campaignId) customFields.campaign_id = lead.campaignId;
  }
  return {
    profile: {
      contact_id: contact.id,
      name: contact.name,
      phone: contact.phone,
      email: contact.email,
      tier: contact.tier,
      tags: contact.tags,
      custom_fields: customFields,
    },
    recent_memories: memories.recent,
    recent_messages: messages.recent,
    ...(query.include_graph ? { graph: reads.graph(tenantId, contact.id) } : {}),
    stats,
  };
}
