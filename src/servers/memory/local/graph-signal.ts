import { contentWords } from '../../../shared/index.js';
import type { CrmStore, MemoryFilter, NodeHandle, NodeRef, ScoredSeq } from '../../store/index.js';
import { memoizeText } from './text-memo.js';

/** At most this many query words are matched against entity labels. */
const MAX_QUERY_WORDS = 8;
/** Entities matched per query word. */
const MATCHES_PER_WORD = 10;
/** Entities whose linked memories are scored (the heaviest first). */
const MAX_GRAPH_ENTITIES = 40;
/** The walk around the contact: hops and entities kept. */
const NEIGHBOURHOOD_DEPTH = 2;
const NEIGHBOURHOOD_SIZE = 60;

/** The words of a query matched against entity labels. */
const labelWords = memoizeText((text) =>
  contentWords(text)
    .filter((w) => w.length >= 3)
    .slice(0, MAX_QUERY_WORDS),
);

interface WeightedEntity extends NodeRef {
  weight: number;
}

/**
 * Graph signal: entities near the contact (BFS ≤ 2 hops, weight = product of edge strengths, halved
 * per hop) and entities whose label matches a query word (weight 1); a memory linked to such an
 * entity scores entity weight × link strength (best link wins), scaled so the best scores 1.
 *
 * Set-based: one statement matches every query word, one per hop walks the graph, one reads the
 * links of every kept entity — however many words, nodes and entities. Word matches and walks are
 * kept until the graph changes, a contact's links until a memory is written (see the store), so a
 * steady conversation's search mostly runs no graph statement at all.
 */
export function graphSignal(
  store: CrmStore,
  tenantId: string,
  text: string,
  filter: MemoryFilter,
  pool: number,
): ScoredSeq[] {
  const { graph, memories } = store;
  const entities = new Map<NodeHandle, WeightedEntity>();
  const add = (ref: NodeRef, weight: number) => {
    const current = entities.get(ref.node);
    if (!current || current.weight < weight)
      entities.set(ref.node, { node: ref.node, type: ref.type, id: ref.id, weight });
  };
  for (const match of graph.matchNodes(tenantId, labelWords(text), MATCHES_PER_WORD)) add(match, 1);
  if (filter.contactId) {
    const start = { type: 'contact', id: filter.contactId };
    for (const hit of graph.walk(tenantId, start, NEIGHBOURHOOD_DEPTH, NEIGHBOURHOOD_SIZE)) {
      // Entities both near the contact and named in the query are the strongest signal.
      add(hit, entities.has(hit.node) ? 1 + hit.relevance : hit.relevance * 0.6);
    }
  }
  const ranked = [...entities.values()].sort((a, b) => b.weight - a.weight).slice(0, MAX_GRAPH_ENTITIES);
  const scores = new Map<number, number>();
  for (const link of memories.linkedTo(tenantId, ranked, filter, pool)) {
    const score = (ranked[link.entity] as WeightedEntity).weight * link.strength;
    if ((scores.get(link.seq) ?? 0) < score) scores.set(link.seq, score);
  }
  const best = Math.max(...scores.values(), 0);
  if (best <= 0) return [];
  return [...scores.entries()]
    .map(([seq, score]) => ({ seq, score: score / best }))
    .sort((a, b) => b.score - a.score)
    .slice(0, pool);
}
