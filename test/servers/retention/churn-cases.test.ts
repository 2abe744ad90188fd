import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, ok, textOf } from '../framework/harness.js';
import { type InMemoryServers, openInMemoryServers } from '../framework/in-memory-servers.js';

/* search_similar_churn_cases: the seed's retention tool, anonymous past cases ranked by reason. */
let servers: InMemoryServers;
const carlos = { tenantId: 'tenant-demo', contactId: 'contact-carlos', audience: 'customer' as const };

beforeAll(async () => {
  servers = await openInMemoryServers(['retention']);
}, 60_000);
afterAll(async () => servers?.[Symbol.asyncDispose]());

interface Cases {
  cases: Array<{ reason: string; discount_percent: number; outcome: string; similarity: number }>;
  by_discount: Array<{ discount_percent: number; cases: number; retention_rate: number }>;
}

describe('search_similar_churn_cases', () => {
  it("ranks other customers' price cases first, with outcome and retention rate per discount, naming nobody", async () => {
    const found = ok<Cases>(
      await callTool(
        servers.client('retention'),
        'search_similar_churn_cases',
        { query: 'o preço subiu demais depois do reajuste' },
        carlos,
      ),
    );
    expect(found.cases.slice(0, 2).map((c) => [c.discount_percent, c.outcome])).toEqual(
      expect.arrayContaining([
        [20, 'retained'],
        [20, 'churned'],
      ]),
    );
    expect(found.cases[0]?.reason).toMatch(/Preço alto após o reajuste/);
    const similarities = found.cases.map((c) => c.similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    expect(found.by_discount.find((b) => b.discount_percent === 20)).toMatchObject({ cases: 2, retention_rate: 0.5 });
    // Carlos's own rejected offer is not a "similar case", and no other customer is named.
    expect(found.cases.some((c) => c.reason === 'Renovação anual')).toBe(false);
    expect(JSON.stringify(found).replaceAll('contact-carlos', '')).not.toMatch(/Henrique|Bruno|contact-|offer-/);
  });

  it('answers bad input and another contact with tool errors', async () => {
    const client = servers.client('retention');
    const short = await callTool(client, 'search_similar_churn_cases', { query: 'x' }, carlos);
    expect(short.isError).toBe(true);
    expect(textOf(short)).toMatch(/query/);
    const other = await callTool(
      client,
      'search_similar_churn_cases',
      { query: 'preço alto', contact_id: 'contact-bruno' },
      carlos,
    );
    expect(textOf(other)).toMatch(/only that customer’s own data/);
  });

  it("never returns another tenant's cases", async () => {
    const iso = ok<Cases>(
      await callTool(
        servers.client('retention'),
        'search_similar_churn_cases',
        { query: 'preço alto após o reajuste' },
        { tenantId: 'tenant-isolation', contactId: 'contact-ana', audience: 'customer' },
      ),
    );
    expect(JSON.stringify(iso)).not.toMatch(/reajuste|Renovação|lentidão/);
  });
});
