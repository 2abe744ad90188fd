import type { ContactActivity, ContactMessageStats, ContactRow, CrmStore } from '../../store/index.js';
import {
  combineActivity,
  type OfferActivity,
  type PurchaseActivity,
  type TicketActivity,
} from '../../store/repositories/contact-activity-repository.js';
import type { ContactMessage, KnowledgeGraph, Memory } from '../memory-backend.js';
import { mentionsCancellation } from './churn-risk.js';
import { listedMemory } from './listed-memory.js';
import { neighbourhood, toGraphEdge, toGraphNode } from './related-entities.js';

/** Contacts (per part and arguments) kept per backend. */
const ENTRIES = 512;

/** A contact's recent memories as the context lists them, with what its stats need from them. */
export interface MemoryPart {
  recent: Memory[];
  /** created_at of the newest listed memory. */
  newest: string | undefined;
  /** Memories per type (all of the contact's, whatever the listing's filter). */
  counts: Record<string, number>;
  /** A listed complaint talks about cancelling or leaving. */
  complaintMentionsCancellation: boolean;
}

/** A contact's recent messages as the context lists them, with their stats. */
export interface MessagePart {
  recent: ContactMessage[];
  stats: ContactMessageStats;
  /** A listed message of the customer talks about cancelling or leaving. */
  inboundMentionsCancellation: boolean;
}

/** The lead facts the context shows (the latest lead's pipeline and tracking). */
export interface LeadFacts {
  stage: string;
  source: string;
  score: number | null;
  campaignId: string | null;
}

const keyOf = (...parts: unknown[]) => JSON.stringify(parts);

/**
 * The reads of a contact context, each part kept until a table it reads is written (see
 * CrmStore.tableCache): a steady conversation reads its contact's profile, memories, messages,
 * activity, lead and graph from SQLite only when one of them changed. Parts are frozen and shared.
 */
export function createContactReads(store: CrmStore) {
  const profiles = store.tableCache<ContactRow | null>(['contacts'], ENTRIES);
  // Writes of these tables name their contact: another contact's new ticket or lead leaves these.
  const leads = store.contactCache<LeadFacts | null>(['leads'], ENTRIES);
  // One cache per table: a support turn's new ticket re-reads the contact's tickets, not its purchases.
  const purchases = store.contactCache<PurchaseActivity>(['purchases'], ENTRIES);
  const tickets = store.contactCache<TicketActivity>(['tickets'], ENTRIES);
  const offers = store.contactCache<OfferActivity>(['offers'], ENTRIES);
  const memoryParts = store.tableCache<MemoryPart>(['memories', 'memory_entities'], ENTRIES);
  const messageParts = store.tableCache<MessagePart>(['messages', 'conversations'], ENTRIES);
  const graphs = store.tableCache<KnowledgeGraph>(['graph_nodes', 'graph_edges'], ENTRIES);

  return {
    profile(tenantId: string, contactId: string): ContactRow | undefined {
      return (
        profiles.read(keyOf(tenantId, contactId), () => store.contacts.get(tenantId, contactId) ?? null) ?? undefined
      );
    },

    lead(tenantId: string, contactId: string): LeadFacts | undefined {
      const facts = leads.read(tenantId, contactId, () => {
        const lead = store.crm.leads.latestForContact(tenantId, contactId);
        return lead
          ? { stage: lead.stage_id, source: lead.source, score: lead.score, campaignId: lead.campaign_id }
          : null;
      });
      return facts ?? undefined;
    },

    activity(tenantId: string, contactId: string): ContactActivity {
      const { activity } = store;
      return combineActivity(
        purchases.read(tenantId, contactId, () => activity.purchasesOf(tenantId, contactId)),
        tickets.read(tenantId, contactId, () => activity.ticketsOf(tenantId, contactId)),
        offers.read(tenantId, contactId, () => activity.offersOf(tenantId, contactId)),
      );
    },

    memories(tenantId: string, contactId: string, limit: number, types: readonly string[] | undefined): MemoryPart {
      return memoryParts.read(keyOf(tenantId, contactId, limit, types ?? null), () => {
        const records = store.memories.listRecent(tenantId, { contactId, ...(types ? { types } : {}) }, limit);
        const links = store.memories.linksOfMany(
          tenantId,
          records.map((r) => r.seq),
        );
        return {
          recent: records.map((record) => listedMemory(record, links.get(record.seq) ?? [])),
          newest: records[0]?.created_at,
          counts: store.memories.countByType(tenantId, contactId),
          complaintMentionsCancellation: records.some(
            (r) => r.memory_type === 'complaint' && mentionsCancellation(r.content),
          ),
        };
      });
    },

    messages(tenantId: string, contactId: string, limit: number): MessagePart {
      return messageParts.read(keyOf(tenantId, contactId, limit), () => {
        const messages = store.messages.listByContact(tenantId, contactId, limit);
        return {
          recent: messages.map((m) => ({
            id: m.id,
            content: m.text,
            is_inbound: !m.from_me,
            sent_at: m.created_at,
            channel: m.channel,
            sentiment: m.sentiment,
          })),
          stats: store.messages.statsByContact(tenantId, contactId),
          inboundMentionsCancellation: messages.some((m) => !m.from_me && mentionsCancellation(m.text)),
        };
      });
    },

    /** The knowledge graph around the contact (2 hops, at most 100 nodes). */
    graph(tenantId: string, contactId: string): KnowledgeGraph {
      return graphs.read(keyOf(tenantId, contactId), () => contactGraph(store, tenantId, contactId));
    },
  };
}
export type ContactReads = ReturnType<typeof createContactReads>;

function contactGraph(store: CrmStore, tenantId: string, contactId: string): KnowledgeGraph {
  const hits = neighbourhood(store.graph, tenantId, 'contact', contactId, 2, 100);
  const nodes = new Map<string, KnowledgeGraph['nodes'][number]>();
  const edges = new Map<string, KnowledgeGraph['edges'][number]>();
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
