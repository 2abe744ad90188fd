import type { Language } from '../../../shared/locale/language.js';

/** One line of the conversation so far, oldest first. */
export interface RecentMessage {
  at: string;
  role: 'customer' | 'agent';
  content: string;
}

/** What the memory sections are rendered from; every list is already the trusted contact's own. */
export interface MemoryContextData {
  recentMessages: RecentMessage[];
  similarSessions: Array<{ summary: string; score: number }>;
  /** Absent: no CONTACT CONTEXT section. */
  contact?: {
    totalSessions: number;
    avgSentiment: number | null;
    lastInteraction: string | null;
    /** Only with include_campaigns / include_tracking. */
    campaignSource?: string;
    /** Only with include_tracking: lead source and campaign channel. */
    tracking?: string;
    /** Only with include_pipeline. */
    pipeline?: string;
    /** Only with include_agent_transfers. */
    agents?: string[];
    /** Only with include_contact_events: purchases, tickets, offers, complaints. */
    events?: string[];
  };
  facts: Array<{ type: string; text: string }>;
}

/** The seed's section markers (`_format_memory_context`): fixed, so a prompt or a log can find them. */
export const SECTION_HEADERS = {
  recent: '=== RECENT MESSAGES ===',
  similar: '=== SIMILAR PAST SESSIONS ===',
  contact: '=== CONTACT CONTEXT ===',
  facts: '=== MEMORY FACTS ===',
} as const;

/** Item labels in the customer's language (the headers stay the seed's markers). */
const LABELS: Record<
  Language,
  {
    customer: string;
    agent: string;
    totalSessions: string;
    avgSentiment: string;
    lastInteraction: string;
    campaign: string;
    tracking: string;
    pipeline: string;
    agents: string;
    events: string;
    similarity: string;
    none: string;
  }
> = {
  pt: {
    customer: 'cliente',
    agent: 'agente',
    totalSessions: 'Total de sessões',
    avgSentiment: 'Sentimento médio',
    lastInteraction: 'Última interação',
    campaign: 'Origem (campanha)',
    tracking: 'Rastreamento',
    pipeline: 'Pipeline',
    agents: 'Atendido por',
    events: 'Eventos',
    similarity: 'similaridade',
    none: 'nenhum',
  },
  en: {
    customer: 'customer',
    agent: 'agent',
    totalSessions: 'Total sessions',
    avgSentiment: 'Avg sentiment',
    lastInteraction: 'Last interaction',
    campaign: 'Campaign source',
    tracking: 'Tracking',
    pipeline: 'Pipeline',
    agents: 'Served by',
    events: 'Events',
    similarity: 'similarity',
    none: 'none',
  },
  es: {
    customer: 'cliente',
    agent: 'agente',
    totalSessions: 'Total de sesiones',
    avgSentiment: 'Sentimiento medio',
    lastInteraction: 'Última interacción',
    campaign: 'Origen (campaña)',
    tracking: 'Seguimiento',
    pipeline: 'Pipeline',
    agents: 'Atendido por',
    events: 'Eventos',
    similarity: 'similitud',
    none: 'ninguno',
  },
};

/** Characters of one line at most: a long message is cut, never allowed to eat the whole budget. */
const MAX_LINE_CHARS = 400;

/** Texts whose line is kept: a steady conversation renders the same messages and memories every turn. */
const KEPT_LINES = 512;
const lines = new Map<string, string>();

/** `text` flattened to one line of at most MAX_LINE_CHARS (remembered per text). */
function oneLine(text: string): string {
  let line = lines.get(text);
  if (line === undefined) {
    if (lines.size >= KEPT_LINES) lines.clear();
    const flat = text.replace(/\s+/g, ' ').trim();
    line = flat.length > MAX_LINE_CHARS ? `${flat.slice(0, MAX_LINE_CHARS - 1)}…` : flat;
    lines.set(text, line);
  }
  return line;
}

/**
 * The seed's memory context (`VentrosMemoryService._format_memory_context`): RECENT MESSAGES, SIMILAR
 * PAST SESSIONS, CONTACT CONTEXT and MEMORY FACTS, each only when it has something, at most `maxChars`
 * long. The budget is shared fairly: each non-empty section gets an equal share, and what a short
 * section leaves goes to the others; lines are dropped whole (recent messages keep the newest, the
 * other sections their best first). Empty data → ''.
 */
export function renderMemorySections(data: MemoryContextData, language: Language, maxChars: number): string {
  const l = LABELS[language];
  const sections: Array<{ header: string; lines: string[]; keepNewest: boolean }> = [];
  if (data.recentMessages.length > 0) {
    sections.push({
      header: SECTION_HEADERS.recent,
      lines: data.recentMessages.map(
        (m) => `[${m.at}] ${m.role === 'customer' ? l.customer : l.agent}: ${oneLine(m.content)}`,
      ),
      keepNewest: true,
    });
  }
  if (data.similarSessions.length > 0) {
    sections.push({
      header: SECTION_HEADERS.similar,
      lines: data.similarSessions.map(
        (s, i) => `${i + 1}. ${oneLine(s.summary)} (${l.similarity}: ${s.score.toFixed(2)})`,
      ),
      keepNewest: false,
    });
  }
  if (data.contact) {
    const c = data.contact;
    const lines = [
      `- ${l.totalSessions}: ${c.totalSessions}`,
      `- ${l.avgSentiment}: ${c.avgSentiment === null ? l.none : c.avgSentiment.toFixed(2)}`,
      `- ${l.lastInteraction}: ${c.lastInteraction ?? l.none}`,
    ];
    if (c.campaignSource !== undefined) lines.push(`- ${l.campaign}: ${oneLine(c.campaignSource)}`);
    if (c.tracking !== undefined) lines.push(`- ${l.tracking}: ${oneLine(c.tracking)}`);
    if (c.pipeline !== undefined) lines.push(`- ${l.pipeline}: ${oneLine(c.pipeline)}`);
    if (c.agents !== undefined) lines.push(`- ${l.agents}: ${c.agents.length > 0 ? c.agents.join(', ') : l.none}`);
    for (const event of c.events ?? []) lines.push(`- ${l.events}: ${oneLine(event)}`);
    sections.push({ header: SECTION_HEADERS.contact, lines, keepNewest: false });
  }
  if (data.facts.length > 0) {
    sections.push({
      header: SECTION_HEADERS.facts,
      lines: data.facts.map((f) => `- ${f.type}: ${oneLine(f.text)}`),
      keepNewest: false,
    });
  }
  return fitToBudget(sections, Math.max(0, maxChars));
}

function fitToBudget(
  sections: Array<{ header: string; lines: string[]; keepNewest: boolean }>,
  maxChars: number,
): string {
  // Sections are joined by a blank line, as the seed's "\n=== … ===" (two characters each).
  const separators = Math.max(0, sections.length - 1) * 2;
  let left = maxChars - separators;
  const rendered: string[] = [];
  const pending = sections.map((s) => ({
    ...s,
    cost: s.lines.reduce((n, line) => n + line.length + 1, s.header.length),
  }));
  // Smallest first: a section that fits its share hands the rest of it to the larger ones after it.
  const order = pending.map((_, i) => i).sort((a, b) => (pending[a]?.cost ?? 0) - (pending[b]?.cost ?? 0));
  const out = new Map<number, string>();
  let remaining = order.length;
  for (const index of order) {
    const section = pending[index];
    if (!section) continue;
    const share = Math.floor(left / remaining);
    remaining--;
    const text = fitSection(section, share);
    if (text) {
      out.set(index, text);
      left -= text.length;
    }
  }
  for (let i = 0; i < pending.length; i++) {
    const text = out.get(i);
    if (text) rendered.push(text);
  }
  return rendered.join('\n\n');
}

function fitSection(section: { header: string; lines: string[]; keepNewest: boolean }, budget: number): string {
  if (section.header.length + 1 > budget) return '';
  const lines = section.keepNewest ? [...section.lines].reverse() : section.lines;
  const kept: string[] = [];
  let used = section.header.length;
  for (const line of lines) {
    if (used + 1 + line.length > budget) break;
    kept.push(line);
    used += 1 + line.length;
  }
  if (kept.length === 0) return '';
  if (section.keepNewest) kept.reverse();
  return [section.header, ...kept].join('\n');
}
