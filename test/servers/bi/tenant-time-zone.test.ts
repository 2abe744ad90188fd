import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { biTools } from '../../../src/servers/bi/index.js';
import type { CallContext, ToolSpec } from '../../../src/servers/framework/index.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';
import { seededDataDir } from '../framework/harness.js';

/*
 * "Hoje", "ontem", "este mês", "este ano" are the tenant's calendar days, not UTC's. The clock is
 * pinned at 02:30 UTC on 15 March 2020 — still 23:30 of the 14th in São Paulo — and a handful of
 * leads sit on either side of the local and the UTC midnights (the seeded data is years later).
 */
const TENANT = 'tenant-demo';
const NOW = new Date('2020-03-15T02:30:00Z');
const LEADS: Record<string, string> = {
  'lead-tz-1': '2020-03-14T12:00:00Z', // the 14th everywhere
  'lead-tz-2': '2020-03-15T01:00:00Z', // the 14th in São Paulo, the 15th in UTC
  'lead-tz-3': '2020-03-13T20:00:00Z', // the 13th everywhere
  'lead-tz-4': '2020-01-05T12:00:00Z', // January
  'lead-tz-5': '2020-01-01T01:00:00Z', // 31 December 2019 in São Paulo, 2020 in UTC
  'lead-tz-6': '2020-03-01T02:00:00Z', // 29 February in São Paulo, 1 March in UTC
};

let data: { dir: string; cleanup(): void };
let store: CrmStore;

beforeAll(async () => {
  data = await seededDataDir();
  store = await openCrmStore({ path: join(data.dir, 'crm.db') });
  for (const [id, at] of Object.entries(LEADS)) {
    store.loader.put(TENANT, 'leads', {
      id,
      contact_id: 'contact-ana',
      source: 'whatsapp',
      campaign_id: null,
      stage_id: 'new',
      status: 'open',
      score: 50,
      classification: 'cold',
      bant: '{}',
      assigned_agent_id: 'agent-joao',
      value: 100,
      created_at: at,
      updated_at: at,
      converted_at: null,
    });
  }
}, 60_000);
afterAll(() => {
  store?.close();
  data?.cleanup();
});

function leadsTool(defaultTimeZone?: string): ToolSpec {
  const tools = biTools({ store, now: () => NOW, ...(defaultTimeZone ? { defaultTimeZone } : {}) });
  return tools.find((t) => t.name === 'get_leads_count') as ToolSpec;
}

async function count(period: string, tool = leadsTool()): Promise<{ total: number; from: string; timezone: string }> {
  const ctx = { tenantId: TENANT, audience: 'staff', signal: new AbortController().signal } as CallContext;
  const result = (await tool.handler({ period } as never, ctx)) as {
    total_leads: number;
    period: { from: string; timezone: string };
  };
  return { total: result.total_leads, from: result.period.from, timezone: result.period.timezone };
}

function setTenantZone(zone: string | null): void {
  const tenant = store.tenants.get(TENANT);
  if (!tenant) throw new Error('demo tenant not seeded');
  store.tenants.upsert(TENANT, {
    name: tenant.name,
    locale: tenant.locale,
    currency: tenant.currency,
    time_zone: zone,
  });
}

describe("BI periods in the tenant's time zone, around midnight UTC", () => {
  it('counts "today" and "ontem"/"yesterday" as São Paulo days when UTC has already turned', async () => {
    setTenantZone('America/Sao_Paulo');
    expect(await count('today')).toEqual({ total: 2, from: '2020-03-14T03:00:00.000Z', timezone: 'America/Sao_Paulo' });
    expect((await count('yesterday')).total).toBe(1);
  });

  it('counts "este mês"/"this month", "mês passado" and "este ano" from the local first day', async () => {
    setTenantZone('America/Sao_Paulo');
    expect((await count('this_month')).total).toBe(3);
    expect((await count('last_month')).total).toBe(1);
    // The 31 December lead (01:00 UTC on 1 January) is last year's in São Paulo.
    expect(await count('this_year')).toMatchObject({ total: 5, from: '2020-01-01T03:00:00.000Z' });
  });

  it("follows a tenant's own zone, and the process default for a tenant without one", async () => {
    setTenantZone('UTC');
    expect((await count('today')).total).toBe(1);
    expect((await count('yesterday')).total).toBe(1);
    expect((await count('this_year')).total).toBe(6);
    setTenantZone(null);
    expect((await count('today')).timezone).toBe('America/Sao_Paulo');
    expect(await count('today', leadsTool('Asia/Tokyo'))).toMatchObject({ timezone: 'Asia/Tokyo' });
    // VENTROS_TENANT_TIME_ZONES wins over the store's zone.
    const configured = biTools({ store, now: () => NOW, tenantTimeZones: { [TENANT]: 'UTC' } });
    expect(await count('today', configured.find((t) => t.name === 'get_leads_count') as ToolSpec)).toMatchObject({
      total: 1,
      timezone: 'UTC',
    });
    setTenantZone('America/Sao_Paulo');
  });
});
