import { type BaseAgent, ParallelAgent } from '../../runtime/index.js';
import type { PatternFactory } from './pattern-factory.js';
import { ENRICHMENT_BRANCHES, LEAD_ENRICHMENT_NAME } from './pattern-names.js';

/** State keys the three branches write. */
export const ENRICHMENT_KEYS = {
  profile: 'enrichment_profile',
  history: 'enrichment_history',
  score: 'enrichment_score',
} as const;

/**
 * The lead-enrichment ParallelAgent: three independent lookups run at once on the same lead — profile
 * (contact context), history (memory + knowledge graph) and score (the SDR's qualification) — each
 * leaving its result in state; the aggregate answer lists all three, and one failing branch does not
 * lose the others.
 */
export function createLeadEnrichment(factory: PatternFactory): BaseAgent {
  const profile = factory.createAgent('sales_prospecting', {
    name: ENRICHMENT_BRANCHES.profile,
    description: 'Lê o perfil do lead.',
    instruction: 'Leia o contexto do lead com get_contact_context e resuma perfil, empresa e plano em até 3 linhas.',
    extraTools: factory.tools(['get_contact_context']),
    outputKey: ENRICHMENT_KEYS.profile,
    subAgents: [],
  });
  const history = factory.createAgent('sales_prospecting', {
    name: ENRICHMENT_BRANCHES.history,
    description: 'Busca o histórico do lead na memória e no grafo.',
    instruction:
      'Busque o histórico do lead com search_memory e as relações com get_related_entities; resuma em até 3 linhas.',
    extraTools: factory.tools(['get_related_entities']),
    outputKey: ENRICHMENT_KEYS.history,
    subAgents: [],
  });
  const score = factory.createAgent('sdr', {
    name: ENRICHMENT_BRANCHES.score,
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
