import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, ok, textOf } from '../framework/harness.js';
import { type InMemoryServers, openInMemoryServers } from '../framework/in-memory-servers.js';

/* get_error_logs (technical support) and escalate_to_human (balanced): the seed's optional tools. */
let servers: InMemoryServers;
const demo = (contactId: string) => ({ tenantId: 'tenant-demo', contactId, audience: 'customer' as const });

beforeAll(async () => {
  servers = await openInMemoryServers(['support']);
}, 60_000);
afterAll(async () => servers?.[Symbol.asyncDispose]());

interface Logs {
  total: number;
  by_code: Array<{ code: string; count: number; level: string }>;
  logs: Array<{ code: string; component: string; level: string; message: string }>;
}

describe('get_error_logs', () => {
  it("returns the customer's own errors, newest first, grouped by code, within the lookback", async () => {
    const client = servers.client('support');
    const week = ok<Logs>(await callTool(client, 'get_error_logs', {}, demo('contact-roberto')));
    expect(week.total).toBe(3);
    expect(week.by_code[0]).toMatchObject({ code: 'PDV_SYNC_TIMEOUT', count: 2, level: 'critical' });
    expect(week.logs.map((l) => l.code)).toEqual(['API_503', 'PDV_SYNC_TIMEOUT', 'PDV_SYNC_TIMEOUT']);
    const critical = ok<Logs>(
      await callTool(client, 'get_error_logs', { min_level: 'critical', component: 'PDV' }, demo('contact-roberto')),
    );
    expect(critical.logs.every((l) => l.level === 'critical' && l.component === 'pdv')).toBe(true);
    // Carlos's WhatsApp warning is 40 days old: outside the default 7 days, inside 90.
    const carlosWeek = ok<Logs>(await callTool(client, 'get_error_logs', {}, demo('contact-carlos')));
    expect(carlosWeek.logs.map((l) => l.code)).toEqual(['NFE_REJECTED_539']);
    const carlos90 = ok<Logs>(await callTool(client, 'get_error_logs', { lookback_days: 90 }, demo('contact-carlos')));
    expect(carlos90.logs.map((l) => l.code)).toEqual(['NFE_REJECTED_539', 'WA_SEND_RETRY']);
  });

  it('answers bad arguments and another contact with tool errors', async () => {
    const client = servers.client('support');
    const bad = await callTool(client, 'get_error_logs', { lookback_days: 400 }, demo('contact-carlos'));
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/lookback_days/);
    const other = await callTool(client, 'get_error_logs', { contact_id: 'contact-roberto' }, demo('contact-carlos'));
    expect(other.isError).toBe(true);
    expect(textOf(other)).toMatch(/only that customer’s own data/);
    expect(textOf(other)).not.toContain('PDV');
  });

  it("never shows another tenant's logs for the same contact id", async () => {
    const client = servers.client('support');
    const iso = ok<Logs>(
      await callTool(
        client,
        'get_error_logs',
        { lookback_days: 90 },
        { tenantId: 'tenant-isolation', contactId: 'contact-carlos', audience: 'customer' },
      ),
    );
    expect(iso.logs.map((l) => l.code)).toEqual(['ISOLATION_NFE']);
    const demoCarlos = ok<Logs>(
      await callTool(client, 'get_error_logs', { lookback_days: 90 }, demo('contact-carlos')),
    );
    expect(JSON.stringify(demoCarlos)).not.toContain('ISOLATION');
  });
});

interface Handoff {
  handoff_id: string;
  team: string;
  assigned_to: { agent_id: string; name: string };
  respond_within_minutes: number;
  due_at: string;
}

describe('escalate_to_human', () => {
  it('gives a human of the team a task due within the urgency, and says who and when', async () => {
    const client = servers.client('support');
    const before = Date.now();
    const handoff = ok<Handoff>(
      await callTool(
        client,
        'escalate_to_human',
        { reason: 'quer negociar o contrato com uma pessoa', team: 'retention', urgency: 'high' },
        demo('contact-carlos'),
      ),
    );
    expect(handoff).toMatchObject({
      team: 'retention',
      assigned_to: { agent_id: 'agent-carla', name: 'Carla Mota' },
      respond_within_minutes: 60,
    });
    expect(Date.parse(handoff.due_at) - before).toBeGreaterThanOrEqual(59 * 60_000);
    const task = servers.store.crm.tasks
      .listByContact('tenant-demo', 'contact-carlos')
      .find((t) => t.id === handoff.handoff_id);
    expect(task).toMatchObject({ agent_id: 'agent-carla', status: 'open' });
    expect(task?.title).toMatch(/^Atender Carlos Mendes \(high\): quer negociar/);
    // Support is the default team.
    const support = ok<Handoff>(
      await callTool(client, 'escalate_to_human', { reason: 'prefere falar com atendente' }, demo('contact-ana')),
    );
    expect(support).toMatchObject({ team: 'support', assigned_to: { agent_id: 'agent-pedro' } });
  });

  it('refuses a bad urgency, a too-short reason and another contact, writing nothing', async () => {
    const client = servers.client('support');
    const tasks = () => servers.store.crm.tasks.listByContact('tenant-demo', 'contact-roberto').length;
    const before = tasks();
    const bad = await callTool(client, 'escalate_to_human', { reason: 'ok', urgency: 'now' }, demo('contact-carlos'));
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/reason|urgency/);
    const other = await callTool(
      client,
      'escalate_to_human',
      { contact_id: 'contact-roberto', reason: 'quer falar com alguém' },
      demo('contact-carlos'),
    );
    expect(other.isError).toBe(true);
    expect(tasks()).toBe(before);
  });

  it("assigns within the caller's tenant only", async () => {
    const client = servers.client('support');
    const handoff = ok<Handoff>(
      await callTool(
        client,
        'escalate_to_human',
        { reason: 'quer falar com uma pessoa', team: 'sales' },
        { tenantId: 'tenant-isolation', contactId: 'contact-carlos', audience: 'customer' },
      ),
    );
    const isolationAgents = servers.store.agents.list('tenant-isolation').map((a) => a.name);
    expect(isolationAgents).toContain(handoff.assigned_to.name);
    expect(handoff.assigned_to.name).not.toBe('João Silva');
  });
});
