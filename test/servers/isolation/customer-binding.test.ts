import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerByName, openServerDeps, SERVER_NAMES, type ServerName } from '../../../src/servers/registry.js';
import { seedDemoData } from '../../../src/servers/seed/index.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';
import { loadEnv, META_TOOL_ACCESS, type ToolAccess, toMeta } from '../../../src/shared/index.js';

/*
 * Contact binding, tool by tool: in a customer call (`_meta` audience `customer`, trusted contact
 * Carlos) every tool of every server reads and writes Carlos's data only. Naming another contact —
 * by contact_id, a lead or ticket id, a graph entity, another session, or "all contacts" — is a tool
 * error and changes nothing; tenant-wide tools refuse; answers about Carlos never mention another
 * customer. The same calls as staff are never refused for naming a contact.
 */
const TENANT = 'tenant-demo';
const ME = 'contact-carlos';
const OTHER = 'contact-ana';

type Args = Record<string, unknown>;
interface Ids {
  otherLead: string;
  otherTicket: string;
  myTicket: () => string;
}
interface Case {
  server: ServerName;
  tool: string;
  access: ToolAccess;
  /** The customer's call about itself (no contact named). */
  own: Args | ((ids: Ids) => Args);
  /** Calls that reach for someone else's data; each must be refused in a customer call. */
  others: Array<Args | ((ids: Ids) => Args)>;
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
const period = { period: 'last_30_days' };

const CASES: Case[] = [
  {
    server: 'memory',
    tool: 'search_memory',
    access: 'contact',
    own: { query: 'preço cancelar plano' },
    others: [
      { query: 'preço', contact_id: OTHER },
      { query: 'preço', all_contacts: true },
    ],
  },
  {
    server: 'memory',
    tool: 'get_contact_context',
    access: 'contact',
    own: { include_graph: true },
    others: [{ contact_id: OTHER }],
  },
  {
    server: 'memory',
    tool: 'store_memory',
    access: 'contact',
    own: { content: 'Prefere contato à tarde', memory_type: 'preference' },
    others: [{ contact_id: OTHER, content: 'Prefere e-mail', memory_type: 'preference' }],
  },
  {
    server: 'memory',
    tool: 'get_related_entities',
    access: 'contact',
    own: { max_depth: 3 },
    others: [{ entity_id: OTHER }, { entity_type: 'product', entity_id: 'product-pro' }],
  },
  {
    server: 'memory',
    tool: 'add_session',
    access: 'contact',
    own: { messages: [{ role: 'user', content: 'quero o plano pro' }] },
    others: [
      { contact_id: OTHER, messages: [{ role: 'user', content: 'oi' }] },
      { session_id: 'session-of-someone-else', messages: [{ role: 'user', content: 'oi' }] },
    ],
  },
  { server: 'bi', tool: 'get_leads_count', access: 'tenant', own: period, others: [] },
  {
    server: 'bi',
    tool: 'get_agent_conversion_stats',
    access: 'tenant',
    own: { agent_name: 'João', ...period },
    others: [],
  },
  {
    server: 'bi',
    tool: 'get_top_performing_agent',
    access: 'tenant',
    own: { metric: 'leads_assigned', ...period },
    others: [],
  },
  {
    server: 'bi',
    tool: 'analyze_agent_messages',
    access: 'tenant',
    own: { agent: 'agent-joao', ...period },
    others: [],
  },
  { server: 'bi', tool: 'compare_agents', access: 'tenant', own: { agent_a: 'João', agent_b: 'Maria' }, others: [] },
  {
    server: 'sales',
    tool: 'qualify_lead',
    access: 'contact',
    own: bant,
    others: [{ contact_id: OTHER, ...bant }, (ids) => ({ lead_id: ids.otherLead, ...bant })],
  },
  {
    server: 'sales',
    tool: 'calculate_lead_score',
    access: 'contact',
    own: scores,
    others: [{ contact_id: OTHER, ...scores }, (ids) => ({ lead_id: ids.otherLead, ...scores })],
  },
  {
    server: 'sales',
    tool: 'update_pipeline_stage',
    access: 'contact',
    own: { stage_id: 'proposal' },
    others: [{ contact_id: OTHER, stage_id: 'proposal' }, (ids) => ({ lead_id: ids.otherLead, stage_id: 'lost' })],
  },
  {
    server: 'sales',
    tool: 'assign_to_agent',
    access: 'contact',
    own: {},
    others: [{ contact_id: OTHER }, (ids) => ({ lead_id: ids.otherLead })],
  },
  {
    server: 'sales',
    tool: 'create_follow_up_task',
    access: 'contact',
    own: { title: 'Ligar amanhã' },
    others: [
      { contact_id: OTHER, title: 'Ligar amanhã' },
      (ids) => ({ lead_id: ids.otherLead, title: 'Ligar amanhã' }),
    ],
  },
  {
    server: 'retention',
    tool: 'create_retention_offer',
    access: 'contact',
    own: { discount_percent: 10, reason: 'preço' },
    others: [{ contact_id: OTHER, discount_percent: 10, reason: 'preço' }],
  },
  { server: 'retention', tool: 'get_past_offers', access: 'contact', own: {}, others: [{ contact_id: OTHER }] },
  { server: 'retention', tool: 'check_customer_value', access: 'contact', own: {}, others: [{ contact_id: OTHER }] },
  {
    server: 'retention',
    tool: 'escalate_to_supervisor',
    access: 'contact',
    own: { reason: 'quer cancelar', severity: 6 },
    others: [
      { contact_id: OTHER, reason: 'quer cancelar', severity: 6 },
      (ids) => ({ reason: 'quer cancelar', severity: 6, ticket_id: ids.otherTicket }),
    ],
  },
  {
    server: 'support',
    tool: 'create_ticket',
    access: 'contact',
    own: { subject: 'Erro no app', description: 'Não abre' },
    others: [{ contact_id: OTHER, subject: 'Erro no app', description: 'Não abre' }],
  },
  {
    server: 'support',
    tool: 'escalate_to_engineering',
    access: 'contact',
    own: (ids) => ({ ticket_id: ids.myTicket(), reason: 'bug confirmado' }),
    others: [(ids) => ({ ticket_id: ids.otherTicket, reason: 'bug confirmado' })],
  },
  { server: 'support', tool: 'check_system_status', access: 'public', own: {}, others: [] },
  {
    server: 'support',
    tool: 'get_error_logs',
    access: 'contact',
    own: { lookback_days: 90 },
    others: [{ contact_id: OTHER, lookback_days: 90 }],
  },
  {
    server: 'support',
    tool: 'escalate_to_human',
    access: 'contact',
    own: { reason: 'quer falar com uma pessoa' },
    others: [{ contact_id: OTHER, reason: 'quer falar com uma pessoa' }],
  },
  {
    server: 'sales',
    tool: 'get_campaign_info',
    access: 'contact',
    own: {},
    others: [{ contact_id: OTHER }, (ids) => ({ lead_id: ids.otherLead })],
  },
  {
    server: 'sales',
    tool: 'check_similar_leads',
    access: 'contact',
    own: {},
    others: [{ contact_id: OTHER }, (ids) => ({ lead_id: ids.otherLead })],
  },
  {
    server: 'retention',
    tool: 'search_similar_churn_cases',
    access: 'contact',
    own: { query: 'preço alto após o reajuste' },
    others: [{ contact_id: OTHER, query: 'preço alto após o reajuste' }],
  },
  { server: 'format', tool: 'format_table', access: 'public', own: { columns: ['a'], rows: [['x']] }, others: [] },
  {
    server: 'format',
    tool: 'format_chart_config',
    access: 'public',
    own: { chart_type: 'bar', x_axis: 'a', y_axis: 'b', data: [{ a: 'x', b: 1 }] },
    others: [],
  },
  { server: 'format', tool: 'aggregate_scores', access: 'public', own: { scores_list: [{ tone: 8 }] }, others: [] },
  {
    server: 'format',
    tool: 'generate_recommendations',
    access: 'public',
    own: { strengths: [], weaknesses: ['tone'] },
    others: [],
  },
];

/** The wording of the refusals that come from the audience rules (not from business rules). */
const BINDING_REFUSAL =
  /only that customer’s own data|not available in a conversation with a customer|walked from that customer|only the current session|not found/;

let dir: string;
let store: CrmStore;
let deps: Awaited<ReturnType<typeof openServerDeps>>;
const clients = new Map<ServerName, Client>();
let ids: Ids;
let lastTicket: string | undefined;

const customer = toMeta({ tenantId: TENANT, contactId: ME, sessionId: 'session-carlos', audience: 'customer' });
const staff = toMeta({ tenantId: TENANT, contactId: ME, sessionId: 'session-carlos', audience: 'staff' });

async function call(c: Case, args: Args, meta: Record<string, string>): Promise<CallToolResult> {
  const client = clients.get(c.server);
  if (!client) throw new Error(`no client for ${c.server}`);
  const result = (await client.callTool({ name: c.tool, arguments: args, _meta: meta })) as CallToolResult;
  const ticket = (result.structuredContent as { ticket?: { ticket_id?: string } } | undefined)?.ticket?.ticket_id;
  if (c.tool === 'create_ticket' && ticket) lastTicket = ticket;
  return result;
}

const textOf = (result: CallToolResult) => (result.content[0] as { text?: string } | undefined)?.text ?? '';

/** Every row of the tenant, as one comparable string. */
function snapshot(): string {
  const tables = store.db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%tenant_id%' AND name NOT LIKE '%_fts%' ORDER BY name",
    )
    .all() as Array<{ name: string }>;
  return JSON.stringify(
    tables.map(({ name }) => [
      name,
      store.db.prepare(`SELECT * FROM "${name}" WHERE tenant_id = ? ORDER BY 1, 2`).all(TENANT),
    ]),
  );
}

/** Names, companies and ids of the tenant's other contacts: none may appear in an answer about Carlos. */
function otherContactMarkers(): string[] {
  const rows = store.db
    .prepare('SELECT id, name, company FROM contacts WHERE tenant_id = ? AND id != ?')
    .all(TENANT, ME) as Array<{ id: string; name: string; company: string | null }>;
  const mine = store.contacts.get(TENANT, ME);
  const markers = rows.flatMap((r) => [r.id, r.name, ...(r.company ? [r.company] : [])]);
  return [...new Set(markers)].filter((m) => m.length > 3 && m !== mine?.company && !mine?.name.includes(m));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-binding-'));
  store = await openCrmStore({ path: join(dir, 'crm.db') });
  await seedDemoData(store);
  deps = await openServerDeps(loadEnv({ VENTROS_DATA_DIR: dir }), { store });
  for (const name of SERVER_NAMES) {
    const server = createServerByName(name, deps);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 'binding-test', version: '1.0.0' });
    await client.connect(b);
    clients.set(name, client);
  }
  const otherLead =
    store.crm.leads.latestForContact(TENANT, OTHER)?.id ?? store.crm.leads.create(TENANT, { contact_id: OTHER }).id;
  const otherTicket = store.crm.tickets.create(TENANT, { contact_id: OTHER, subject: 'x', description: 'y' }).id;
  ids = {
    otherLead,
    otherTicket,
    myTicket: () => {
      if (!lastTicket) throw new Error('create_ticket has not run yet');
      return lastTicket;
    },
  };
}, 60_000);

afterAll(async () => {
  await Promise.all([...clients.values()].map((c) => c.close()));
  await deps?.[Symbol.asyncDispose]();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('contact binding in customer calls, for every tool of every server', () => {
  it('covers every tool the six servers expose, each publishing the access it declares', async () => {
    const listed: string[] = [];
    for (const [name, client] of clients) {
      for (const tool of (await client.listTools()).tools) {
        listed.push(`${name}/${tool.name}`);
        const expected = CASES.find((c) => c.server === name && c.tool === tool.name)?.access;
        expect(tool._meta?.[META_TOOL_ACCESS], `${name}/${tool.name}`).toBe(expected);
      }
    }
    expect(CASES.map((c) => `${c.server}/${c.tool}`).sort()).toEqual(listed.sort());
    for (const c of CASES) {
      if (c.access === 'contact')
        expect(c.others.length, `${c.tool} needs a case naming someone else`).toBeGreaterThan(0);
    }
  });

  it("refuses every call that names another customer's data, and changes nothing", async () => {
    const before = snapshot();
    const otherName = store.contacts.get(TENANT, OTHER)?.name ?? OTHER;
    for (const c of CASES) {
      for (const other of c.others) {
        const args = typeof other === 'function' ? other(ids) : other;
        const result = await call(c, args, customer);
        expect(result.isError, `${c.tool} ${JSON.stringify(args)}: ${textOf(result)}`).toBe(true);
        expect(textOf(result)).toMatch(BINDING_REFUSAL);
        expect(JSON.stringify(result)).not.toContain(otherName);
      }
    }
    expect(snapshot()).toBe(before);
  });

  it('answers about the trusted customer only, and refuses tenant-wide tools', async () => {
    const markers = otherContactMarkers();
    expect(markers).toEqual(expect.arrayContaining([OTHER]));
    for (const c of CASES) {
      const result = await call(c, typeof c.own === 'function' ? c.own(ids) : c.own, customer);
      const text = JSON.stringify(result);
      if (c.access === 'tenant') {
        expect(result.isError, c.tool).toBe(true);
        expect(textOf(result)).toMatch(/not available in a conversation with a customer/);
        continue;
      }
      expect(result.isError, `${c.tool}: ${text.slice(0, 300)}`).toBeFalsy();
      for (const marker of markers) expect(text, `${c.tool} mentioned "${marker}"`).not.toContain(marker);
    }
    // The writes happened, on Carlos.
    expect(store.crm.offers.countByContact(TENANT, ME)).toBeGreaterThanOrEqual(1);
  });

  it('lets staff name any contact of the tenant', async () => {
    for (const c of CASES) {
      for (const other of c.others) {
        const args = typeof other === 'function' ? other(ids) : other;
        const result = await call(c, args, staff);
        if (result.isError) expect(textOf(result), `${c.tool} ${JSON.stringify(args)}`).not.toMatch(BINDING_REFUSAL);
      }
    }
    const context = await call(CASES[1] as Case, { contact_id: OTHER }, staff);
    expect(context.isError).toBeFalsy();
    expect(JSON.stringify(context.structuredContent)).toContain(OTHER);
  });

  it('refuses customer calls that carry no trusted contact', async () => {
    const result = (await clients.get('retention')?.callTool({
      name: 'check_customer_value',
      arguments: {},
      _meta: toMeta({ tenantId: TENANT, audience: 'customer' }),
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/no identified customer/);
  });

  it("keeps a customer's resource reads to its own contact", async () => {
    const client = clients.get('memory');
    const own = await client?.readResource({ uri: `crm://contacts/${ME}`, _meta: customer });
    expect(JSON.stringify(own?.contents[0])).toContain('Carlos');
    await expect(client?.readResource({ uri: `crm://contacts/${OTHER}`, _meta: customer })).rejects.toThrow(
      /only that customer’s own data/,
    );
  });
});
