import { localDay, localMidnight, mulberry32, normalizeText } from '../../shared/index.js';
import type {
  GraphEdgeRow,
  GraphNodeType,
  LoadableTable,
  MemoryEntityLink,
  NewAgent,
  NewContact,
  NewConversation,
  NewMemoryRecord,
  NewMessage,
} from '../store/index.js';

type Row = Record<string, string | number | null>;

/** Everything seeded for one tenant, ready to write. */
export interface TenantDataset {
  tenant: { id: string; name: string; locale: string; currency: string; timeZone?: string };
  agents: NewAgent[];
  contacts: NewContact[];
  rows: { table: LoadableTable; row: Row }[];
  conversations: NewConversation[];
  messages: NewMessage[];
  memories: NewMemoryRecord[];
  nodes: { type: GraphNodeType; id: string; label: string; properties?: Record<string, string> }[];
  edges: GraphEdgeRow[];
}

const DAY_MS = 86_400_000;

/** Small deterministic PRNG (mulberry32): the same seed gives the same dataset. */
export const createRng: (seed: number) => () => number = mulberry32;

export const slug = (text: string) => normalizeText(text).replace(/ /g, '-');

/**
 * Authoring helpers for a tenant's demo data: each business fact (a purchase, a complaint, a
 * ticket, an offer, a conversation) also produces its memory and its graph edges, so the three stay
 * consistent. Times are "days ago" relative to `now`.
 */
export class DatasetBuilder {
  readonly data: TenantDataset;
  private counter = 0;

  constructor(
    tenant: TenantDataset['tenant'],
    private readonly now: Date,
    readonly rng: () => number,
  ) {
    this.data = {
      tenant,
      agents: [],
      contacts: [],
      rows: [],
      conversations: [],
      messages: [],
      memories: [],
      nodes: [],
      edges: [],
    };
  }

  /** ISO time `days` ago (fractions allowed), at a fixed hour offset so "today" stays today. */
  at(days: number): string {
    return new Date(this.now.getTime() - days * DAY_MS).toISOString();
  }

  /**
   * "Days ago" that still falls on today — today's UTC date and today in the tenant's time zone (the BI
   * tools count "today" in the tenant's zone): `fraction` (0..1) of the time elapsed since the later of
   * the two midnights. With UTC alone, São Paulo's "today" held none of them from 03:00 UTC (its midnight)
   * until the elapsed fractions caught up.
   */
  today(fraction: number): number {
    const now = this.now;
    let midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const zone = this.data.tenant.timeZone;
    if (zone !== undefined) {
      const day = localDay(now, zone);
      midnight = Math.max(midnight, localMidnight(day.y, day.m, day.d, zone).getTime());
    }
    return ((now.getTime() - midnight) / DAY_MS) * Math.min(1, Math.max(0, fraction));
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${String(this.counter).padStart(4, '0')}`;
  }

  node(type: GraphNodeType, id: string, label: string, properties?: Record<string, string>): void {
    if (this.data.nodes.some((n) => n.type === type && n.id === id)) return;
    this.data.nodes.push({ type, id, label, ...(properties ? { properties } : {}) });
  }

  edge(
    fromType: string,
    fromId: string,
    relationship: string,
    toType: string,
    toId: string,
    strength: number,
    days = 30,
  ): void {
    this.data.edges.push({
      from_type: fromType,
      from_id: fromId,
      relationship,
      to_type: toType,
      to_id: toId,
      strength,
      created_at: this.at(days),
    });
  }

  row(table: LoadableTable, row: Row): void {
    this.data.rows.push({ table, row });
  }

  agent(agent: NewAgent): void {
    this.data.agents.push(agent);
    this.node('agent', agent.id, agent.name, { kind: agent.kind, team: agent.team });
  }

  contact(contact: NewContact & { createdDaysAgo: number }): void {
    const { createdDaysAgo, ...rest } = contact;
    this.data.contacts.push({
      ...rest,
      created_at: this.at(createdDaysAgo),
      updated_at: this.at(Math.min(createdDaysAgo, 1)),
    });
    this.node('contact', contact.id, contact.name, {
      tier: contact.tier ?? 'standard',
      status: contact.status ?? 'lead',
    });
  }

  product(id: string, name: string, price: number): void {
    this.node('product', id, name, { price: String(price) });
  }

  memory(
    contactId: string | null,
    type: string,
    content: string,
    days: number,
    extra: { importance?: number; metadata?: NewMemoryRecord['metadata']; related?: NewMemoryRecord['related'] } = {},
  ): void {
    this.data.memories.push({
      id: `mem-${this.data.tenant.id.replace(/^tenant-/, '')}-${String(this.data.memories.length + 1).padStart(4, '0')}`,
      contact_id: contactId,
      memory_type: type,
      content,
      importance: extra.importance ?? 0.5,
      metadata: extra.metadata ?? {},
      related: extra.related ?? [],
      created_at: this.at(days),
    });
  }

  purchase(contactId: string, productId: string, productName: string, amount: number, days: number, note = ''): void {
    const id = this.nextId('pur');
    this.row('purchases', { id, contact_id: contactId, product: productName, amount, purchased_at: this.at(days) });
    this.edge('contact', contactId, 'purchased', 'product', productId, 0.9, days);
    const money = this.data.tenant.currency === 'BRL' ? `R$ ${amount.toFixed(2)}` : `$${amount.toFixed(2)}`;
    const text =
      this.data.tenant.locale === 'pt-BR'
        ? `Comprou ${productName} por ${money}.${note ? ` ${note}` : ''}`
        : `Purchased ${productName} for ${money}.${note ? ` ${note}` : ''}`;
    this.memory(contactId, 'purchase', text, days, {
      importance: amount > 5000 ? 0.8 : 0.5,
      metadata: { purchase_id: id, product: productName, amount },
      related: [{ entity_type: 'product', entity_id: productId, relationship: 'purchased', strength: 0.9 }],
    });
  }

  ticket(
    contactId: string,
    ticket: {
      subject: string;
      description: string;
      category: string;
      priority: string;
      severity: number;
      status: string;
    },
    days: number,
    productId?: string,
  ): string {
    const id = this.nextId('tkt');
    this.row('tickets', {
      id,
      contact_id: contactId,
      ...ticket,
      assigned_team: 'support',
      created_at: this.at(days),
      updated_at: this.at(Math.max(0, days - 1)),
    });
    this.node('ticket', id, ticket.subject, { status: ticket.status, severity: String(ticket.severity) });
    const relationship = ticket.category === 'complaint' ? 'complained_about' : 'opened';
    this.edge('contact', contactId, relationship, 'ticket', id, Math.min(1, ticket.severity / 10), days);
    if (productId) this.edge('ticket', id, 'about', 'product', productId, 0.8, days);
    const related = [{ entity_type: 'ticket', entity_id: id, relationship, strength: 0.9 }];
    if (productId) related.push({ entity_type: 'product', entity_id: productId, relationship: 'about', strength: 0.7 });
    this.memory(
      contactId,
      ticket.category === 'complaint' ? 'complaint' : 'support_ticket',
      `${ticket.subject}: ${ticket.description}`,
      days,
      {
        importance: Math.min(1, 0.3 + ticket.severity / 15),
        metadata: { ticket_id: id, status: ticket.status, severity: ticket.severity, priority: ticket.priority },
        related,
      },
    );
    return id;
  }

  offer(contactId: string, discount: number, reason: string, status: string, createdBy: string, days: number): void {
    const id = this.nextId('off');
    this.row('offers', {
      id,
      contact_id: contactId,
      discount_pct: discount,
      offer_type: 'discount',
      reason,
      status,
      created_by: createdBy,
      valid_until: this.at(days - 15),
      created_at: this.at(days),
    });
    this.node('offer', id, `${discount}% — ${reason}`, { status });
    this.edge('contact', contactId, 'received_offer', 'offer', id, 0.7, days);
    const text =
      this.data.tenant.locale === 'pt-BR'
        ? `Recebeu oferta de ${discount}% de desconto (${reason}); status: ${status}.`
        : `Received a ${discount}% discount offer (${reason}); status: ${status}.`;
    this.memory(contactId, 'offer', text, days, {
      importance: 0.6,
      metadata: { offer_id: id, discount_pct: discount, status },
      related: [{ entity_type: 'offer', entity_id: id, relationship: 'received_offer', strength: 0.7 }],
    });
  }

  /** A conversation with its messages (customer lines have a sentiment) and a summary memory. */
  conversation(
    contactId: string,
    agentId: string | null,
    days: number,
    lines: readonly (readonly [fromMe: boolean, text: string, sentiment?: number])[],
    summary: string,
    topics: readonly string[] = [],
  ): void {
    const id = this.nextId('conv');
    const sentiments = lines.filter((l) => !l[0] && l[2] !== undefined).map((l) => l[2] as number);
    const sentiment = sentiments.length ? sentiments.reduce((a, b) => a + b, 0) / sentiments.length : null;
    this.data.conversations.push({
      id,
      contact_id: contactId,
      agent_id: agentId,
      status: days > 1 ? 'closed' : 'open',
      summary,
      sentiment,
      started_at: this.at(days),
      ended_at: days > 1 ? this.at(days - 0.02) : null,
    });
    lines.forEach(([fromMe, text, lineSentiment], i) => {
      this.data.messages.push({
        id: `${id}-m${i + 1}`,
        conversation_id: id,
        contact_id: contactId,
        agent_id: fromMe ? agentId : null,
        from_me: fromMe,
        text,
        sentiment: lineSentiment ?? null,
        created_at: this.at(Math.max(0, days - i * 0.001)),
      });
    });
    if (agentId) this.edge('contact', contactId, 'handled_by', 'agent', agentId, 0.6, days);
    const related: MemoryEntityLink[] = [];
    for (const topic of topics) {
      const topicId = `topic-${slug(topic)}`;
      this.node('topic', topicId, topic);
      this.edge('contact', contactId, 'interested_in', 'topic', topicId, 0.6, days);
      related.push({ entity_type: 'topic', entity_id: topicId, relationship: 'about', strength: 0.7 });
    }
    this.memory(contactId, 'conversation', summary, days, {
      importance: sentiment !== null && sentiment < -0.3 ? 0.8 : 0.5,
      metadata: {
        conversation_id: id,
        ...(agentId ? { agent_id: agentId } : {}),
        ...(sentiment !== null ? { sentiment: Math.round(sentiment * 100) / 100 } : {}),
      },
      related,
    });
  }

  lead(
    contactId: string,
    lead: {
      agentId: string;
      status: 'open' | 'won' | 'lost';
      stage: string;
      score: number;
      value: number;
      campaignId?: string;
      source?: string;
    },
    days: number,
  ): void {
    const id = this.nextId('lead');
    const classification =
      lead.score >= 80 ? 'hot' : lead.score >= 60 ? 'warm' : lead.score >= 30 ? 'cold' : 'unqualified';
    this.row('leads', {
      id,
      contact_id: contactId,
      source: lead.source ?? 'whatsapp',
      campaign_id: lead.campaignId ?? null,
      stage_id: lead.stage,
      status: lead.status,
      score: lead.score,
      classification,
      bant: JSON.stringify({
        budget: lead.score >= 60,
        authority: lead.score >= 50,
        need: lead.score >= 40,
        timeline: lead.score >= 70,
      }),
      assigned_agent_id: lead.agentId,
      value: lead.value,
      created_at: this.at(days),
      updated_at: this.at(Math.max(0, days - 2)),
      converted_at: lead.status === 'won' ? this.at(Math.max(0, days - 5)) : null,
    });
    if (lead.campaignId) this.edge('contact', contactId, 'came_from', 'campaign', lead.campaignId, 0.8, days);
    this.edge('contact', contactId, 'assigned_to', 'agent', lead.agentId, 0.5, days);
  }
}
