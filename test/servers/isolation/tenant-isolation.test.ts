import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerByName, openServerDeps, SERVER_NAMES, type ServerName } from '../../../src/servers/registry.js';
import { seedDemoData } from '../../../src/servers/seed/index.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';
import { loadEnv, toMeta } from '../../../src/shared/index.js';

/*
 * Two tenants share contact and agent ids (contact-carlos, contact-ana, agent-joao). Every tool of every
 * server is called as tenant-isolation (B) with a model-written `tenant_id: 'tenant-demo'` slipped into
 * its arguments. Tenant-demo (A) must come out byte-for-byte unchanged, and no answer may mention A's
 * people or companies.
 */
const VICTIM = 'tenant-demo';
const CALLER = 'tenant-isolation';

type Args = Record<string, unknown>;
interface Case {
  server: ServerName;
  tool: string;
  args: Args | ((previous: Map<string, CallToolResult>) => Args);
  /** When the tool must refuse (still without leaking). */
  error?: RegExp;
}

const bant = { budget: { score: 9 }, authority: { score: 9 }, need: { score: 9 }, timeline: { score: 9 } };
const scores = {
  budget_score: 9,
  authority_score: 9,
  need_score: 9,
  timeline_score: 9,
  engagement_score: 8,
  company_score: 8,
  source_score: 8,
  response_speed_score: 8,
};

const CASES: Case[] = [
  { server: 'memory', tool: 'search_memory', args: { query: 'preço cancelar plano', contact_id: 'contact-carlos' } },
  { server: 'memory', tool: 'get_contact_context', args: { contact_id: 'contact-carlos', include_graph: true } },
  {
    server: 'memory',
    tool: 'store_memory',
    args: { contact_id: 'contact-ana', content: 'Prefere contato à tarde', memory_type: 'preference' },
  },
  { server: 'memory', tool: 'get_related_entities', args: { entity_id: 'contact-carlos' } },
  {
    server: 'memory',
    tool: 'add_session',
    args: {
      session_id: 'session-iso',
      contact_id: 'contact-ana',
      messages: [{ role: 'user', content: 'quero o plano pro' }],
    },
  },
  { server: 'bi', tool: 'get_leads_count', args: { period: 'last_30_days' } },
  { server: 'bi', tool: 'get_agent_conversion_stats', args: { agent_name: 'João', period: 'last_30_days' } },
  { server: 'bi', tool: 'get_top_performing_agent', args: { metric: 'leads_assigned', period: 'last_30_days' } },
  { server: 'bi', tool: 'analyze_agent_messages', args: { agent: 'agent-joao', period: 'last_30_days' } },
  {
    server: 'bi',
    tool: 'compare_agents',
    args: { agent_a: 'João', agent_b: 'Maria' },
    error: /No agent matches "Maria"\. Agents: João Isolado \(agent-joao\)\.$/,
  },
  { server: 'sales', tool: 'qualify_lead', args: { contact_id: 'contact-ana', ...bant } },
  { server: 'sales', tool: 'calculate_lead_score', args: { contact_id: 'contact-ana', ...scores } },
  { server: 'sales', tool: 'update_pipeline_stage', args: { contact_id: 'contact-ana', stage_id: 'proposal' } },
  { server: 'sales', tool: 'assign_to_agent', args: { contact_id: 'contact-ana' } },
  { server: 'sales', tool: 'create_follow_up_task', args: { contact_id: 'contact-ana', title: 'Ligar amanhã' } },
  {
    server: 'retention',
    tool: 'create_retention_offer',
    args: { contact_id: 'contact-carlos', discount_percent: 10, reason: 'preço' },
  },
  { server: 'retention', tool: 'get_past_offers', args: { contact_id: 'contact-carlos' } },
  { server: 'retention', tool: 'check_customer_value', args: { contact_id: 'contact-carlos' } },
  {
    server: 'retention',
    tool: 'escalate_to_supervisor',
    args: { contact_id: 'contact-carlos', reason: 'quer cancelar', severity: 6 },
  },
  {
    server: 'support',
    tool: 'create_ticket',
    args: { contact_id: 'contact-carlos', subject: 'Erro no app', description: 'Não abre' },
  },
  {
    server: 'support',
    tool: 'escalate_to_engineering',
    args: (previous) => ({
      ticket_id: (previous.get('create_ticket')?.structuredContent as { ticket?: { ticket_id: string } } | undefined)
        ?.ticket?.ticket_id,
      reason: 'bug confirmado',
    }),
  },
  { server: 'support', tool: 'check_system_status', args: {} },
  { server: 'support', tool: 'get_error_logs', args: { contact_id: 'contact-carlos', lookback_days: 90 } },
  {
    server: 'support',
    tool: 'escalate_to_human',
    args: { contact_id: 'contact-carlos', reason: 'quer falar com uma pessoa', team: 'sales' },
  },
  { server: 'sales', tool: 'get_campaign_info', args: { contact_id: 'contact-ana' } },
  { server: 'sales', tool: 'check_similar_leads', args: { contact_id: 'contact-ana' } },
  {
    server: 'retention',
    tool: 'search_similar_churn_cases',
    args: { contact_id: 'contact-carlos', query: 'preço alto após o reajuste' },
  },
  { server: 'format', tool: 'format_table', args: { columns: ['a'], rows: [['x']] } },
  {
    server: 'format',
    tool: 'format_chart_config',
    args: { chart_type: 'bar', x_axis: 'a', y_axis: 'b', data: [{ a: 'x', b: 1 }] },
  },
  { server: 'format', tool: 'aggregate_scores', args: { scores_list: [{ tone: 8 }] } },
  { server: 'format', tool: 'generate_recommendations', args: { strengths: [], weaknesses: ['tone'] } },
];

let dir: string;
let store: CrmStore;
let deps: Awaited<ReturnType<typeof openServerDeps>>;
const clients = new Map<ServerName, Client>();

/** Every row of every tenant-scoped table for one tenant, as one comparable string. */
function snapshot(tenantId: string): string {
  const tables = store.db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%tenant_id%' AND name NOT LIKE '%_fts%' ORDER BY name",
    )
    .all() as Array<{ name: string }>;
  return JSON.stringify(
    tables.map(({ name }) => [
      name,
      store.db.prepare(`SELECT * FROM "${name}" WHERE tenant_id = ? ORDER BY 1, 2`).all(tenantId),
    ]),
  );
}

/** Names and companies that exist only in the victim tenant: none may appear in the caller's answers. */
function victimMarkers(): string[] {
  const names = (tenant: string, sql: string) =>
    new Set(
      (store.db.prepare(sql).all(tenant) as Array<{ v: string | null }>)
        .map((r) => r.v)
        .filter((v): v is string => !!v),
    );
  const caller = new Set([
    ...names(CALLER, 'SELECT name AS v FROM contacts WHERE tenant_id = ?'),
    ...names(CALLER, 'SELECT name AS v FROM agents WHERE tenant_id = ?'),
  ]);
  const victim = [
    ...names(VICTIM, 'SELECT name AS v FROM contacts WHERE tenant_id = ?'),
    ...names(VICTIM, 'SELECT company AS v FROM contacts WHERE tenant_id = ?'),
    ...names(VICTIM, 'SELECT name AS v FROM agents WHERE tenant_id = ?'),
  ];
  return victim.filter((v) => !caller.has(v) && v.length > 3);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-isolation-'));
  store = await openCrmStore({ path: join(dir, 'crm.db') });
  await seedDemoData(store);
  deps = await openServerDeps(loadEnv({ VENTROS_DATA_DIR: dir }), { store });
  for (const name of SERVER_NAMES) {
    const server = createServerByName(name, deps);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 'isolation-test', version: '1.0.0' });
    await client.connect(b);
    clients.set(name, client);
  }
}, 60_000);

afterAll(async () => {
  await Promise.all([...clients.values()].map((c) => c.close()));
  await deps?.[Symbol.asyncDispose]();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tenant isolation across every tool of every server', () => {
  it('covers every tool the six servers expose, none of which takes a tenant_id argument', async () => {
    const listed: string[] = [];
    for (const [name, client] of clients) {
      for (const tool of (await client.listTools()).tools) {
        listed.push(`${name}/${tool.name}`);
        expect(tool.inputSchema.properties ?? {}, `${name}/${tool.name}`).not.toHaveProperty('tenant_id');
      }
    }
    expect(CASES.map((c) => `${c.server}/${c.tool}`).sort()).toEqual(listed.sort());
  });

  it("never returns or changes the other tenant's rows, even with overlapping ids and a model-written tenant_id", async () => {
    const markers = victimMarkers();
    expect(markers).toEqual(expect.arrayContaining(['Carlos Mendes', 'João Silva', 'Maria Souza']));
    const victimBefore = snapshot(VICTIM);
    const callerBefore = snapshot(CALLER);
    const previous = new Map<string, CallToolResult>();
    for (const c of CASES) {
      const args = typeof c.args === 'function' ? c.args(previous) : c.args;
      const result = (await clients.get(c.server)?.callTool({
        name: c.tool,
        arguments: { ...args, tenant_id: VICTIM },
        _meta: toMeta({ tenantId: CALLER, contactId: 'contact-carlos', sessionId: 'session-iso' }),
      })) as CallToolResult;
      previous.set(c.tool, result);
      const text = JSON.stringify(result);
      if (c.error) {
        expect(result.isError, `${c.tool} should refuse`).toBe(true);
        expect((result.content[0] as { text: string }).text).toMatch(c.error);
      } else {
        expect(result.isError, `${c.tool}: ${text.slice(0, 300)}`).toBeFalsy();
      }
      for (const marker of markers) expect(text, `${c.tool} leaked "${marker}"`).not.toContain(marker);
    }
    expect(snapshot(VICTIM)).toBe(victimBefore);
    // The writes did happen — in the caller's tenant.
    expect(snapshot(CALLER)).not.toBe(callerBefore);
    const offers = store.crm.offers.countByContact(CALLER, 'contact-carlos');
    expect(offers).toBeGreaterThanOrEqual(1);
  });

  it("cannot reach the other tenant's rows by their ids", async () => {
    const demoTicket = store.crm.tickets.create(VICTIM, {
      contact_id: 'contact-carlos',
      subject: 'x',
      description: 'y',
    });
    const before = snapshot(VICTIM);
    const result = (await clients.get('support')?.callTool({
      name: 'escalate_to_engineering',
      arguments: { ticket_id: demoTicket.id, reason: 'tentativa' },
      _meta: toMeta({ tenantId: CALLER }),
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(/not found/);
    const lead = store.crm.leads.latestForContact(VICTIM, 'contact-rafael');
    const sales = (await clients.get('sales')?.callTool({
      name: 'update_pipeline_stage',
      arguments: { lead_id: lead?.id, stage_id: 'lost' },
      _meta: toMeta({ tenantId: CALLER }),
    })) as CallToolResult;
    expect(sales.isError).toBe(true);
    expect(snapshot(VICTIM)).toBe(before);
  });
});
