import { z } from 'zod';
import { contentWords } from '../../shared/index.js';
import { contactIdOf, defineTool, requireContact, type ToolSpec } from '../framework/index.js';
import type { OfferCaseRow } from '../store/repositories/crm/index.js';
import type { RetentionDeps } from './retention-deps.js';

/** Past attempts read per call: enough to rank, bounded however large the tenant. */
const MAX_CASES = 500;
/** Words compared by their first letters, so "preço"/"preços" and "reajuste"/"reajustou" meet. */
const STEM = 5;

const stems = (text: string) => new Set(contentWords(text).map((w) => w.slice(0, STEM)));

/** Share of the query's words the case's reason contains (0..1). */
function similarity(query: ReadonlySet<string>, reason: string): number {
  if (query.size === 0) return 0;
  const words = stems(reason);
  let shared = 0;
  for (const w of query) if (words.has(w)) shared += 1;
  return shared / query.size;
}

/** How a case ended: the offer was taken and the customer stayed, or the customer left. */
function outcomeOf(c: OfferCaseRow): 'retained' | 'churned' | 'pending' {
  if (c.contact_status === 'churned') return 'churned';
  if (c.status === 'accepted') return 'retained';
  return c.status === 'proposed' ? 'pending' : 'churned';
}

/**
 * `search_similar_churn_cases` (the seed's retention tool): other customers' retention attempts whose
 * reason resembles this one, and how they ended. Anonymous by design — no contact, name, company or
 * offer id — so the retention agent may use it in a conversation with the customer.
 */
export function searchSimilarChurnCasesTool(deps: RetentionDeps): ToolSpec {
  return defineTool({
    name: 'search_similar_churn_cases',
    access: 'contact',
    title: 'Similar past churn cases',
    description:
      "Past retention cases of other customers whose reason resembles this customer's (e.g. 'preço alto " +
      "após reajuste', 'lentidão'), most similar first: the discount offered, whether the customer stayed or " +
      'left, and the retention rate per discount. Anonymous: it names no other customer. Call it before ' +
      'create_retention_offer to pick the offer that worked for cases like this one.',
    input: {
      contact_id: z.string().max(100).optional().describe('Contact id; defaults to the contact of this conversation'),
      query: z.string().min(3).max(500).describe('The churn reason in a few words, e.g. "preço alto, concorrente"'),
      limit: z.number().int().min(1).max(20).default(5).describe('How many cases to return'),
    },
    output: {
      contact_id: z.string(),
      cases: z.array(
        z.object({
          reason: z.string(),
          discount_percent: z.number(),
          offer_status: z.string(),
          outcome: z.enum(['retained', 'churned', 'pending']),
          tier: z.string(),
          similarity: z.number(),
          created_at: z.string(),
        }),
      ),
      by_discount: z.array(
        z.object({ discount_percent: z.number(), cases: z.number().int(), retention_rate: z.number() }),
      ),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const contactId = contactIdOf(args.contact_id, ctx);
      requireContact(deps.store.contacts, ctx.tenantId, contactId);
      const query = stems(args.query);
      const ranked = deps.store.crm.offers
        .casesExcept(ctx.tenantId, contactId, MAX_CASES)
        .map((c) => ({ c, score: similarity(query, c.reason) }))
        .filter((r) => r.score > 0)
        .sort((a, b) => b.score - a.score || b.c.created_at.localeCompare(a.c.created_at))
        .slice(0, args.limit);
      const cases = ranked.map(({ c, score }) => ({
        reason: c.reason,
        discount_percent: c.discount_pct,
        offer_status: c.status,
        outcome: outcomeOf(c),
        tier: c.tier,
        similarity: Math.round(score * 100) / 100,
        created_at: c.created_at,
      }));
      const bands = new Map<number, { cases: number; retained: number }>();
      for (const c of cases) {
        if (c.outcome === 'pending') continue;
        const band = bands.get(c.discount_percent) ?? { cases: 0, retained: 0 };
        band.cases += 1;
        if (c.outcome === 'retained') band.retained += 1;
        bands.set(c.discount_percent, band);
      }
      return {
        contact_id: contactId,
        cases,
        by_discount: [...bands.entries()]
          .sort(([a], [b]) => a - b)
          .map(([discount, band]) => ({
            discount_percent: discount,
            cases: band.cases,
            retention_rate: Math.round((band.retained / band.cases) * 100) / 100,
          })),
      };
    },
  });
}
