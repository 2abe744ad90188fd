import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createServerByName, openServerDeps, type ServerName } from '../../../src/servers/registry.js';
import { loadEnv } from '../../../src/shared/index.js';
import { type FakeGoCrm, type FakeToolInfo, startFakeGoCrm } from '../../support/fake-go-crm/index.js';
import { callTool, ok, textOf } from '../framework/harness.js';

// Proxy mode in process: the real servers of `openServerDeps` + `createServerByName` with
// MCP_SERVER_HOST pointing at the fake Go CRM, each reached by a real MCP client.

const cleanups: Array<() => PromiseLike<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function proxied(fake: FakeGoCrm, extraEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-proxy-mode-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const deps = await openServerDeps(
    loadEnv({ VENTROS_DATA_DIR: dir, VENTROS_TENANT_ID: 'tenant-a', MCP_SERVER_HOST: fake.target, ...extraEnv }),
  );
  cleanups.push(() => deps[Symbol.asyncDispose]());
  const connect = async (name: ServerName) => {
    const server = createServerByName(name, deps);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(b);
    cleanups.push(() => client.close());
    return client;
  };
  return { deps, connect };
}

async function fakeCrm(seed: Parameters<typeof startFakeGoCrm>[0] = {}) {
  const fake = await startFakeGoCrm(seed);
  cleanups.push(() => fake.close());
  return fake;
}

const trusted = { tenantId: 'tenant-a', contactId: 'contact-1' };
const executed = (fake: FakeGoCrm, tool?: string) =>
  fake.calls.filter((c) => c.method === 'ExecuteTool' && (tool === undefined || c.request.tool_name === tool));

describe('MCP_AUTH_TOKEN', () => {
  it('is sent as auth_token on ListTools and every ExecuteTool, and the Go side accepts the calls', async () => {
    const fake = await fakeCrm({ authToken: 's3cret-token' });
    const { connect } = await proxied(fake, { MCP_AUTH_TOKEN: 's3cret-token' });
    const retention = await connect('retention');
    ok(await callTool(retention, 'get_past_offers', {}, trusted));
    expect(fake.calls.map((c) => c.request.auth_token)).toEqual(fake.calls.map(() => 's3cret-token'));
    expect(fake.calls.map((c) => c.method)).toEqual(['ListTools', 'ExecuteTool']);
  });

  it('missing or wrong, the Go side refuses (UNAUTHENTICATED) and the model reads a tool error', async () => {
    const fake = await fakeCrm({ authToken: 's3cret-token' });
    for (const env of [{}, { MCP_AUTH_TOKEN: 'wrong' }] as Array<Record<string, string>>) {
      const { connect } = await proxied(fake, env);
      const retention = await connect('retention');
      const refused = await callTool(retention, 'get_past_offers', {}, trusted);
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/auth_token/);
    }
    expect(executed(fake).map((c) => c.request.auth_token)).toEqual(['', 'wrong']);
  });
});

// A tool only the Go side has (the host's own get_campaign_info is local since the seed tools landed).
const campaignTool: FakeToolInfo = {
  name: 'get_campaign_roi',
  description: 'Go: a marketing campaign by id',
  server: 'sales',
  parameters_json: JSON.stringify({
    type: 'object',
    properties: { campaign_id: { type: 'string', description: 'Campaign id' }, days: { type: 'integer', minimum: 1 } },
    required: ['campaign_id'],
  }),
};

describe('ListTools', () => {
  it('offers a tool only the Go side has, with its schema, validates calls by it, and forwards them', async () => {
    const fake = await fakeCrm({ tools: [campaignTool] });
    const { connect } = await proxied(fake);
    const sales = await connect('sales');
    const { tools } = await sales.listTools();
    const campaign = tools.find((t) => t.name === 'get_campaign_roi');
    expect(campaign?.description).toBe('Go: a marketing campaign by id');
    expect(campaign?.inputSchema).toMatchObject({
      type: 'object',
      properties: { campaign_id: { type: 'string', description: 'Campaign id' }, days: { type: 'integer' } },
      required: ['campaign_id'],
    });
    const before = fake.calls.length;
    const bad = await callTool(sales, 'get_campaign_roi', { days: 3 }, trusted);
    expect(bad.isError).toBe(true);
    expect(fake.calls.length).toBe(before);
    const answer = ok<{ served_by: string; tool: string }>(
      await callTool(sales, 'get_campaign_roi', { campaign_id: 'black-friday' }, trusted),
    );
    expect(answer).toMatchObject({ served_by: 'fake-go', tool: 'get_campaign_roi' });
    // Only the server the Go side named offers it.
    const retention = await connect('retention');
    expect((await retention.listTools()).tools.map((t) => t.name)).not.toContain('get_campaign_roi');
  });

  it('keeps the local schema of a tool both sides know, and leaves out a Go tool whose schema is not valid JSON Schema, or that is ours, or for no proxied server', async () => {
    const fake = await fakeCrm({
      tools: [
        { name: 'create_retention_offer', description: 'Go', parameters_json: '{"type":"object"}' },
        { name: 'broken_tool', description: 'Go', parameters_json: '{"type":"object","properties":{"a":{"type":12}}}' },
        { name: 'not_json', description: 'Go', parameters_json: '{nope' },
        { name: 'tool with spaces', description: 'Go', parameters_json: '{"type":"object"}' },
        // Named like one of our memory tools, or for a server we do not proxy: not offered by a CRM server.
        { name: 'search_memory', description: 'Go', parameters_json: '{"type":"object"}' },
        { name: 'elsewhere', description: 'Go', server: 'memory', parameters_json: '{"type":"object"}' },
      ],
    });
    const { connect } = await proxied(fake);
    const retention = await connect('retention');
    const { tools } = await retention.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'check_customer_value',
        'create_retention_offer',
        'escalate_to_supervisor',
        'get_past_offers',
        'search_similar_churn_cases',
      ].sort(),
    );
    const offer = tools.find((t) => t.name === 'create_retention_offer');
    expect(offer?.inputSchema.required).toEqual(expect.arrayContaining(['discount_percent', 'reason']));
  });

  it('falls back to the local list when ListTools fails at start, and offers the Go tools on a later refresh', async () => {
    const fake = await fakeCrm({ tools: [{ ...campaignTool, server: '' }] });
    fake.failNext('ListTools', 3);
    const { deps, connect } = await proxied(fake, { MCP_TOOLS_REFRESH_SECONDS: '0' });
    expect(fake.calls.filter((c) => c.method === 'ListTools')).toHaveLength(3); // bounded retries
    const support = await connect('support');
    expect((await support.listTools()).tools.map((t) => t.name)).not.toContain('get_campaign_roi');
    const changed = new Promise<void>((resolve) =>
      support.setNotificationHandler('notifications/tools/list_changed', () => resolve()),
    );
    expect(await deps.remoteTools?.refresh()).toBe(true);
    await changed;
    // No server named: every proxied server offers it.
    expect((await support.listTools()).tools.map((t) => t.name)).toContain('get_campaign_roi');
  });
});

describe('local business rules in proxy mode', () => {
  it('refuses a discount above 30% before anything reaches the Go side', async () => {
    const fake = await fakeCrm();
    const { connect } = await proxied(fake);
    const retention = await connect('retention');
    const before = fake.calls.length;
    const refused = await callTool(
      retention,
      'create_retention_offer',
      { discount_percent: 35, reason: 'reclamou do preço' },
      trusted,
    );
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/above the 30% limit/);
    expect(fake.calls.length).toBe(before);
  });

  it('refuses a 4th offer and a customer above R$ 50.000 with the local words; the offer never reaches Go', async () => {
    const fake = await fakeCrm({
      facts: { offersUsed: { 'contact-1': 3, 'contact-2': 1 }, clv: { 'contact-2': 80_000 } },
    });
    const { connect } = await proxied(fake);
    const retention = await connect('retention');
    const fourth = await callTool(
      retention,
      'create_retention_offer',
      { discount_percent: 10, reason: 'preço' },
      trusted,
    );
    expect(fourth.isError).toBe(true);
    expect(textOf(fourth)).toMatch(/already received 3 retention offers \(maximum 3\)/);
    const vip = await callTool(
      retention,
      'create_retention_offer',
      { discount_percent: 10, reason: 'preço' },
      { tenantId: 'tenant-a', contactId: 'contact-2' },
    );
    expect(vip.isError).toBe(true);
    expect(textOf(vip)).toMatch(/CLV R\$ 80000\.00 .*supervisor/);
    expect(executed(fake, 'create_retention_offer')).toHaveLength(0);
    // Within the rules the offer goes through.
    const fake2facts = { tenantId: 'tenant-a', contactId: 'contact-3' };
    ok(await callTool(retention, 'create_retention_offer', { discount_percent: 10, reason: 'preço' }, fake2facts));
    expect(executed(fake, 'create_retention_offer')).toHaveLength(1);
  });

  it('refuses to assign a lead whose score it never saw or the Go side scored below 60, and assigns one scored 60 or more', async () => {
    const fake = await fakeCrm();
    const { connect } = await proxied(fake);
    const sales = await connect('sales');
    const ratings = (n: number) => ({
      budget_score: n,
      authority_score: n,
      need_score: n,
      timeline_score: n,
      engagement_score: n,
      company_score: n,
      source_score: n,
      response_speed_score: n,
    });
    // A lead whose score the host never saw is not handed over unchecked.
    const unseen = await callTool(sales, 'assign_to_agent', {}, trusted);
    expect(unseen.isError).toBe(true);
    expect(textOf(unseen)).toMatch(/not known here yet: score the lead with calculate_lead_score first/);
    expect(executed(fake, 'assign_to_agent')).toHaveLength(0);
    ok(await callTool(sales, 'calculate_lead_score', ratings(4), trusted)); // 40
    const refused = await callTool(sales, 'assign_to_agent', {}, trusted);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/score 40, below 60/);
    expect(executed(fake, 'assign_to_agent')).toHaveLength(0);
    ok(await callTool(sales, 'calculate_lead_score', ratings(7), trusted)); // 70
    ok(await callTool(sales, 'assign_to_agent', {}, trusted));
    expect(executed(fake, 'assign_to_agent')).toHaveLength(1);
  });

  it('refuses a bad period and a bad follow-up date with the local words, before the Go side sees them', async () => {
    const fake = await fakeCrm();
    const { connect } = await proxied(fake);
    const [bi, sales] = await Promise.all([connect('bi'), connect('sales')]);
    const before = fake.calls.length;
    const noBounds = await callTool(bi, 'get_leads_count', { period: 'custom', from: '2025-01-01' }, trusted);
    expect(textOf(noBounds)).toMatch(/period=custom needs both "from" and "to"/);
    const reversed = await callTool(
      bi,
      'get_top_performing_agent',
      { period: 'custom', from: '2025-02-01', to: '2025-01-01' },
      trusted,
    );
    expect(textOf(reversed)).toMatch(/"to" must be after "from"/);
    const zone = await callTool(
      bi,
      'get_agent_conversion_stats',
      { agent: 'Maria', timezone: 'Mars/Olympus' },
      trusted,
    );
    expect(textOf(zone)).toMatch(/Unknown time zone "Mars\/Olympus"/);
    const due = await callTool(
      sales,
      'create_follow_up_task',
      { title: 'Ligar de novo', due_at: 'amanhã cedo' },
      trusted,
    );
    expect(textOf(due)).toMatch(/due_at "amanhã cedo" is not an ISO-8601 date-time/);
    expect([noBounds, reversed, zone, due].every((r) => r.isError)).toBe(true);
    expect(fake.calls.length).toBe(before);
    ok(await callTool(bi, 'get_leads_count', { period: 'custom', from: '2025-01-01', to: '2025-01-31' }, trusted));
    expect(executed(fake, 'get_leads_count')).toHaveLength(1);
  });
});
