import type { OfflinePolicy } from '../../model/index.js';
import { type BaseAgent, ParallelAgent } from '../../runtime/index.js';
import type { PatternFactory } from './pattern-factory.js';

/** Name of the lead-enrichment workflow. */
export const LEAD_ENRICHMENT_NAME = 'lead_enrichment';
/** State keys the three branches write. */
export const ENRICHMENT_KEYS = {
  profile: 'enrichment_profile',
  history: 'enrichment_history',
  score: 'enrichment_score',
} as const;

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

const profilePolicy: OfflinePolicy = {
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

const historyPolicy: OfflinePolicy = {
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

/**
 * The lead-enrichment ParallelAgent: three independent lookups run at once on the same lead — profile
 * (contact context), history (memory + knowledge graph) and score (the SDR's qualification) — each
 * leaving its result in state; the aggregate answer lists all three, and one failing branch does not
 * lose the others.
 */
export function createLeadEnrichment(factory: PatternFactory): BaseAgent {
  const profile = factory.createAgent('sales_prospecting', {
    name: 'enrich_profile',
    description: 'Lê o perfil do lead.',
    instruction: 'Leia o contexto do lead com get_contact_context e resuma perfil, empresa e plano em até 3 linhas.',
    extraTools: factory.tools(['get_contact_context']),
    outputKey: ENRICHMENT_KEYS.profile,
    subAgents: [],
    offline: profilePolicy,
  });
  const history = factory.createAgent('sales_prospecting', {
    name: 'enrich_history',
    description: 'Busca o histórico do lead na memória e no grafo.',
    instruction:
      'Busque o histórico do lead com search_memory e as relações com get_related_entities; resuma em até 3 linhas.',
    extraTools: factory.tools(['get_related_entities']),
    outputKey: ENRICHMENT_KEYS.history,
    subAgents: [],
    offline: historyPolicy,
  });
  const score = factory.createAgent('sdr', {
    name: 'enrich_score',
    description: 'Qualifica e pontua o lead (BANT).',
    outputKey: ENRICHMENT_KEYS.score,
    subAgents: [],
  });
  return new ParallelAgent({
    name: LEAD_ENRICHMENT_NAME,
    description: 'Enriquecimento de lead em paralelo: perfil, histórico e pontuação.',
    subAgents: [profile, history, score],
  });
}
