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

const summary = (label: string, value: unknown): string =>
  value === undefined ? `${label}: sem dados.` : `${label}: ${JSON.stringify(value).slice(0, 400)}`;

const profilePolicy: OfflinePolicy = {
  mainTool: (_m, state) =>
    contactOf(state) ? { name: 'get_contact_context', args: { contact_id: contactOf(state) } } : undefined,
  answer: (_m, results) => summary('Perfil', results.get('get_contact_context')),
};

const historyPolicy: OfflinePolicy = {
  searchMemoryFirst: true,
  mainTool: (_m, state) =>
    contactOf(state)
      ? { name: 'get_related_entities', args: { entity_id: contactOf(state), entity_type: 'contact' } }
      : undefined,
  answer: (_m, results) =>
    `${summary('Memória', results.get('search_memory'))}\n${summary('Relações', results.get('get_related_entities'))}`,
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
