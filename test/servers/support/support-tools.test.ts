import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectStdio, ok, seededDataDir, textOf } from '../framework/harness.js';

let data: { dir: string; cleanup(): void };
let client: Client;

beforeAll(async () => {
  data = await seededDataDir();
  client = await connectStdio('support', { VENTROS_DATA_DIR: data.dir });
}, 60_000);

afterAll(async () => {
  await client?.close();
  data?.cleanup();
});

describe('support server over stdio', () => {
  it('reports the degraded component and the overall status', async () => {
    const status = ok<{ overall: string; components: Array<{ component: string; status: string }> }>(
      await callTool(client, 'check_system_status', {}),
    );
    expect(status.overall).toBe('degraded');
    expect(status.components.find((c) => c.component === 'billing')?.status).toBe('degraded');
    const one = ok<{ components: unknown[] }>(await callTool(client, 'check_system_status', { component: 'WhatsApp' }));
    expect(one.components).toHaveLength(1);
    const unknown = await callTool(client, 'check_system_status', { component: 'teleport' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/Components: .*billing/);
  });

  it('opens a ticket whose priority follows the severity, then escalates it to engineering', async () => {
    const created = ok<{ ticket: { ticket_id: string; priority: string; status: string } }>(
      await callTool(
        client,
        'create_ticket',
        { subject: 'Cobrança duplicada', description: 'Fui cobrado duas vezes', category: 'billing', severity: 8 },
        { tenantId: 'tenant-demo', contactId: 'contact-ana' },
      ),
    );
    expect(created.ticket).toMatchObject({ priority: 'urgent', status: 'open' });
    const escalated = ok<{ ticket: { status: string; assigned_team: string }; escalation_id: string }>(
      await callTool(client, 'escalate_to_engineering', {
        ticket_id: created.ticket.ticket_id,
        reason: 'bug no faturamento',
      }),
    );
    expect(escalated.ticket).toMatchObject({ status: 'escalated', assigned_team: 'engineering' });
    expect(escalated.escalation_id).toMatch(/^esc-/);
  });

  it('answers a missing ticket, a missing contact and bad arguments with tool errors', async () => {
    const missing = await callTool(client, 'escalate_to_engineering', { ticket_id: 'ticket-nope', reason: 'abc' });
    expect(textOf(missing)).toMatch(/Ticket "ticket-nope" not found/);
    const noContact = await callTool(client, 'create_ticket', { subject: 'abc', description: 'abc' });
    expect(noContact.isError).toBe(true);
    expect(textOf(noContact)).toMatch(/No contact/);
    const bad = await callTool(client, 'create_ticket', {
      contact_id: 'contact-ana',
      subject: 'abc',
      description: 'abc',
      severity: 0,
    });
    expect(bad.isError).toBe(true);
  });
});
