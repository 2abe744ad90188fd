import { createHash } from 'node:crypto';
import { normalizeText } from '../../../shared/index.js';
import type { GraphEdgeRow, GraphNodeType, MemoryEntityLink, NewMemoryRecord } from '../../store/index.js';
import type { FinishedSession } from '../memory-backend.js';

export interface SessionMemoryPlan {
  memory: NewMemoryRecord;
  nodes: { type: GraphNodeType; id: string; label: string; created_at: string }[];
  edges: GraphEdgeRow[];
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A summary from the messages when the agent wrote none: what the customer asked, what was answered. */
function deriveSummary(session: FinishedSession): string {
  const customer = session.messages.filter((m) => m.role === 'user').map((m) => m.content.trim());
  const answers = session.messages.filter((m) => m.role === 'assistant' || m.role === 'agent');
  const parts = [`Session ${session.session_id} (${session.messages.length} messages).`];
  if (customer.length > 0) parts.push(`Customer: ${clip(customer.join(' / '), 400)}`);
  const last = answers.at(-1);
  if (last) parts.push(`Last answer: ${clip(last.content.trim(), 300)}`);
  return parts.join(' ');
}

const slug = (text: string) => normalizeText(text).replace(/ /g, '-').slice(0, 60) || 'x';

/**
 * What a finished session becomes: one `session_summary` memory, plus graph nodes and edges
 * (contact -had_session-> session, session -handled_by-> agent, session -about-> topic,
 * contact -interested_in-> topic, contact -mentioned-> product). The memory id is derived from the
 * session id, so adding the same session twice is refused by the unique key rather than duplicated.
 */
export function sessionToMemory(session: FinishedSession, now: Date): SessionMemoryPlan {
  const at = session.messages.at(-1)?.timestamp ?? now.toISOString();
  const meta = session.metadata;
  const sessionNode = {
    type: 'session' as const,
    id: session.session_id,
    label: `session ${session.session_id}`,
    created_at: at,
  };
  const nodes: SessionMemoryPlan['nodes'] = [sessionNode];
  const edges: GraphEdgeRow[] = [];
  const related: MemoryEntityLink[] = [
    { entity_type: 'session', entity_id: session.session_id, relationship: 'summarizes', strength: 1 },
  ];
  const edge = (
    fromType: string,
    fromId: string,
    relationship: string,
    toType: string,
    toId: string,
    strength: number,
  ) =>
    edges.push({
      from_type: fromType,
      from_id: fromId,
      relationship,
      to_type: toType,
      to_id: toId,
      strength,
      created_at: at,
    });

  edge('contact', session.contact_id, 'had_session', 'session', session.session_id, 1);
  if (meta.agent_id) {
    nodes.push({ type: 'agent', id: meta.agent_id, label: meta.agent_id, created_at: at });
    edge('session', session.session_id, 'handled_by', 'agent', meta.agent_id, 1);
  }
  for (const topic of meta.topics ?? []) {
    const id = `topic-${slug(topic)}`;
    nodes.push({ type: 'topic', id, label: topic, created_at: at });
    edge('session', session.session_id, 'about', 'topic', id, 0.8);
    edge('contact', session.contact_id, 'interested_in', 'topic', id, 0.5);
    related.push({ entity_type: 'topic', entity_id: id, relationship: 'about', strength: 0.8 });
  }
  for (const product of meta.products ?? []) {
    const id = `product-${slug(product)}`;
    nodes.push({ type: 'product', id, label: product, created_at: at });
    edge('contact', session.contact_id, 'mentioned', 'product', id, 0.6);
    related.push({ entity_type: 'product', entity_id: id, relationship: 'mentioned', strength: 0.6 });
  }
  const metadata: Record<string, string | number | boolean> = {
    session_id: session.session_id,
    message_count: session.messages.length,
  };
  if (meta.agent_id) metadata.agent_id = meta.agent_id;
  if (meta.agent_category) metadata.agent_category = meta.agent_category;
  if (meta.sentiment_score !== undefined) metadata.sentiment_score = meta.sentiment_score;
  if (meta.topics?.length) metadata.topics = meta.topics.join(', ');
  const id = `mem-session-${createHash('sha256').update(session.session_id).digest('hex').slice(0, 24)}`;
  return {
    memory: {
      id,
      contact_id: session.contact_id,
      memory_type: 'session_summary',
      content: clip(session.summary?.trim() || deriveSummary(session), 8000),
      metadata,
      // Unhappy sessions matter more for what comes next (retention).
      importance: meta.sentiment_score !== undefined && meta.sentiment_score < -0.3 ? 0.8 : 0.6,
      created_at: at,
      related,
    },
    nodes,
    edges,
  };
}
