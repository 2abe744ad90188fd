import type { OfflinePolicy } from '../../offline-policy.js';

function contactOf(state: Readonly<Record<string, unknown>>): string | undefined {
  const id = state['contact_id'];
  return typeof id === 'string' && id ? id : undefined;
}

function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path)
    current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** enrich_profile (catalog/patterns/lead-enrichment.ts): the lead's contact context in one line. */
export const enrichProfilePolicy: OfflinePolicy = {
  mainTool: (_m, state) =>
    contactOf(state) ? { name: 'get_contact_context', args: { contact_id: contactOf(state) } } : undefined,
  answer: (_m, results) => {
    const context = results.get('get_contact_context');
    const name = get(context, 'profile', 'name');
    if (typeof name !== 'string') return 'Perfil: sem dados do contato.';
    const company = get(context, 'profile', 'custom_fields', 'company');
    const status = get(context, 'profile', 'custom_fields', 'status');
    const tier = get(context, 'profile', 'tier');
    const messages = get(context, 'stats', 'total_messages');
    return `Perfil: ${name}${typeof company === 'string' ? ` (${company})` : ''}, ${String(status ?? 'contato')}, plano ${String(tier ?? '?')}, ${String(messages ?? 0)} mensagens.`;
  },
};

/** enrich_history: memories and knowledge-graph relations of the lead, counted and named. */
export const enrichHistoryPolicy: OfflinePolicy = {
  searchMemoryFirst: true,
  mainTool: (_m, state) =>
    contactOf(state)
      ? { name: 'get_related_entities', args: { entity_id: contactOf(state), entity_type: 'contact' } }
      : undefined,
  answer: (_m, results) => {
    const memories = list(get(results.get('search_memory'), 'memories'));
    const related = list(get(results.get('get_related_entities'), 'entities'))
      .map((e) => get(e, 'entity', 'properties', 'label') ?? get(e, 'entity', 'id'))
      .filter((label): label is string => typeof label === 'string')
      .slice(0, 5);
    return `Histórico: ${memories.length} memórias relevantes; relações: ${related.length > 0 ? related.join(', ') : 'nenhuma'}.`;
  },
};
