import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, ok, textOf } from '../framework/harness.js';
import { type InMemoryServers, openInMemoryServers } from '../framework/in-memory-servers.js';

/* get_campaign_info and check_similar_leads: the seed's optional tools of sales_prospecting. */
let servers: InMemoryServers;
const demo = (contactId: string) => ({ tenantId: 'tenant-demo', contactId, audience: 'customer' as const });

beforeAll(async () => {
  servers = await openInMemoryServers(['sales']);
}, 60_000);
afterAll(async () => servers?.[Symbol.asyncDispose]());

interface CampaignInfo {
  lead: { source: string; campaign_id: string | null } | null;
  campaign: { campaign_id: string; name: string; channel: string; active: boolean } | null;
  campaign_results: { leads: number; won: number; lost: number; conversion_rate: number } | null;
}
interface Similar {
  basis: { campaign_id: string | null; score: number | null } | null;
  summary: { similar_leads: number; won: number; lost: number; open: number; conversion_rate: number };
  examples: Array<{ status: string; score: number | null }>;
}

describe('get_campaign_info', () => {
  it("names the campaign that brought the lead and how that campaign's leads ended", async () => {
    const client = servers.client('sales');
    const info = ok<CampaignInfo>(await callTool(client, 'get_campaign_info', {}, demo('contact-rafael')));
    expect(info.lead).toMatchObject({ campaign_id: 'camp-black-friday' });
    expect(info.campaign).toMatchObject({ name: 'Black Friday Varejo', channel: 'instagram', active: true });
    const results = info.campaign_results;
    expect(results?.leads).toBeGreaterThan(1);
    expect(results?.conversion_rate).toBeCloseTo((results?.won ?? 0) / ((results?.won ?? 0) + (results?.lost ?? 0)), 3);
    // A contact without a lead is an answer, not an error.
    servers.store.contacts.upsert('tenant-demo', { id: 'contact-new', name: 'Novo Contato' });
    const none = ok<CampaignInfo>(await callTool(client, 'get_campaign_info', {}, demo('contact-new')));
    expect(none).toMatchObject({ lead: null, campaign: null, campaign_results: null });
  });

  it('answers an unknown lead, another contact and bad arguments with tool errors', async () => {
    const client = servers.client('sales');
    const otherLead = servers.store.crm.leads.latestForContact('tenant-demo', 'contact-sofia')?.id;
    expect(otherLead).toBeDefined();
    const other = await callTool(client, 'get_campaign_info', { lead_id: otherLead }, demo('contact-rafael'));
    expect(other.isError).toBe(true);
    expect(textOf(other)).toMatch(/not found/);
    const named = await callTool(client, 'get_campaign_info', { contact_id: 'contact-sofia' }, demo('contact-rafael'));
    expect(textOf(named)).toMatch(/only that customer’s own data/);
    const bad = await callTool(client, 'get_campaign_info', { lead_id: 42 }, demo('contact-rafael'));
    expect(bad.isError).toBe(true);
  });

  it("never reads another tenant's campaigns", async () => {
    const client = servers.client('sales');
    const iso = ok<CampaignInfo>(
      await callTool(
        client,
        'get_campaign_info',
        {},
        { tenantId: 'tenant-isolation', contactId: 'contact-ana', audience: 'customer' },
      ),
    );
    expect(iso.campaign).toBeNull();
    expect(JSON.stringify(iso)).not.toMatch(/Black Friday|Google Ads|Reativação/);
  });
});

describe('check_similar_leads', () => {
  it('describes leads of the same campaign, closest score first, without naming anyone', async () => {
    const client = servers.client('sales');
    const similar = ok<Similar>(await callTool(client, 'check_similar_leads', { limit: 3 }, demo('contact-rafael')));
    expect(similar.basis).toMatchObject({ campaign_id: 'camp-black-friday', score: 92 });
    const { summary } = similar;
    expect(summary.similar_leads).toBe(summary.won + summary.lost + summary.open);
    expect(summary.similar_leads).toBeGreaterThan(3);
    expect(similar.examples).toHaveLength(3);
    const gaps = similar.examples.map((e) => Math.abs((e.score ?? 0) - 92));
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    const text = JSON.stringify(similar);
    for (const contact of servers.store.contacts.list('tenant-demo')) {
      if (contact.id !== 'contact-rafael') expect(text).not.toContain(contact.id);
    }
    expect(text.replaceAll('contact-rafael', '')).not.toMatch(/lead-|contact-/);
  });

  it('refuses a limit above 20 and another contact’s lead', async () => {
    const client = servers.client('sales');
    const bad = await callTool(client, 'check_similar_leads', { limit: 500 }, demo('contact-rafael'));
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/limit/);
    const otherLead = servers.store.crm.leads.latestForContact('tenant-demo', 'contact-sofia')?.id;
    const other = await callTool(client, 'check_similar_leads', { lead_id: otherLead }, demo('contact-rafael'));
    expect(textOf(other)).toMatch(/not found/);
  });

  it("compares with the caller's tenant only", async () => {
    const client = servers.client('sales');
    const iso = ok<Similar>(
      await callTool(
        client,
        'check_similar_leads',
        {},
        { tenantId: 'tenant-isolation', contactId: 'contact-ana', audience: 'customer' },
      ),
    );
    const isoLeads = servers.store.db
      .prepare("SELECT count(*) AS n FROM leads WHERE tenant_id = 'tenant-isolation' AND contact_id != 'contact-ana'")
      .get() as { n: number };
    expect(iso.summary.similar_leads).toBeLessThanOrEqual(isoLeads.n);
  });
});
