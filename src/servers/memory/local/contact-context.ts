import { NotFoundError } from '../../../shared/index.js';
import type { CrmStore, MemoryRecord } from '../../store/index.js';
import type { ContactContext, ContactContextQuery, GraphEdge, GraphNode, Memory } from '../memory-backend.js';
import { churnRisk } from './churn-risk.js';
import { neighbourhood, toGraphEdge, toGraphNode } from './related-entities.js';

const DAY_MS = 86_400_000;

/** A memory listed (not searched): relevance is its importance. */
export function listedMemory(record: MemoryRecord, related: Memory['related']): Memory {
  return {
    id: record.id,
    contact_id: record.contact_id,
    content: record.content,
    memory_type: record.memory_type,
    relevance_score: record.importance,
    importance: record.importance,
    created_at: record.created_at,
    metadata: record.metadata,
    related,
  };
}

function latest(...values: (string | null | undefined)[]): string | null {
  const present = values.filter((v): v is string => typeof v === 'string' && v !== '');
  return present.length > 0 ? (present.sort().at(-1) ?? null) : null;
}

function earliest(...values: (string | null | undefined)[]): string | null {
  const present = values.filter((v): v is string => typeof v === 'string' && v !== '');
  return present.length > 0 ? (present.sort()[0] ?? null) : null;
}

function contactGraph(
  store: CrmStore,
  tenantId: string,
  contactId: string,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const hits = neighbourhood(store.graph, tenantId, 'contact', contactId, 2, 100);
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const self = store.graph.node(tenantId, 'contact', contactId);
  if (self) nodes.set(`contact:${contactId}`, toGraphNode(self));
  for (const hit of hits) {
    nodes.set(`${hit.node.type}:${hit.node.id}`, toGraphNode(hit.node));
    for (const edge of hit.path) {
      edges.set(
        `${edge.from_type}:${edge.from_id}>${edge.relationship}>${edge.to_type}:${edge.to_id}`,
        toGraphEdge(edge),
      );
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/**
 * Everything known about one contact: profile, recent memories and messages, activity stats with a
 * churn risk (see churn-risk.ts), and optionally the knowledge graph around them (2 hops).
 */
export function contactContext(
  store: CrmStore,
  tenantId: string,
  query: ContactContextQuery,
  now: Date,
): Omit<ContactContext, 'latency_ms'> {
  const contact = store.contacts.get(tenantId, query.contact_id);
  if (!contact) throw new NotFoundError(`contact ${query.contact_id} not found`, { contact_id: query.contact_id });
  const records = store.memories.listRecent(
    tenantId,
    { contactId: contact.id, ...(query.entity_types ? { types: query.entity_types } : {}) },
    query.history_limit,
  );
  const links = store.memories.linksOfMany(
    tenantId,
    records.map((r) => r.seq),
  );
  const messages = store.messages.listByContact(tenantId, contact.id, query.history_limit);
  const messageStats = store.messages.statsByContact(tenantId, contact.id);
  const activity = store.activity.of(tenantId, contact.id);
  const memoryCounts = store.memories.countByType(tenantId, contact.id);
  const lastActivity = latest(
    messageStats.last,
    activity.lastPurchaseAt,
    activity.lastTicketAt,
    records[0]?.created_at,
  );
  const complaints = (memoryCounts.complaint ?? 0) + activity.complaintTickets;
  const inboundTexts = messages.filter((m) => !m.from_me).map((m) => m.text);
  const complaintTexts = records.filter((r) => r.memory_type === 'complaint').map((r) => r.content);
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
      recentTexts: [...inboundTexts, ...complaintTexts],
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
  const lead = store.crm.leads.latestForContact(tenantId, contact.id);
  if (lead) {
    customFields.lead_stage = lead.stage_id;
    customFields.lead_source = lead.source;
    if (lead.score !== null) customFields.lead_score = String(lead.score);
    if (lead.campaign_id) customFields.campaign_id = lead.campaign_id;
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
    recent_memories: records.map((record) => listedMemory(record, links.get(record.seq) ?? [])),
    recent_messages: messages.map((m) => ({
      id: m.id,
      content: m.text,
      is_inbound: !m.from_me,
      sent_at: m.created_at,
      channel: m.channel,
      sentiment: m.sentiment,
    })),
    ...(query.include_graph ? { graph: contactGraph(store, tenantId, contact.id) } : {}),
    stats,
  };
}
