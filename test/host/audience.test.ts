import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHost, type McpHost, parseHostConfig } from '../../src/host/index.js';
import { contactIdOf, createToolServer, defineTool, type ToolSpec } from '../../src/servers/framework/index.js';

/** The host forwards the run's audience in `_meta` and carries each tool's declared access. */
describe('audience through the host', () => {
  let host: McpHost;
  beforeAll(async () => {
    const whoami = defineTool({
      name: 'whoami',
      access: 'contact',
      description: 'Who the call is for.',
      input: { contact_id: z.string().optional() },
      async handler(args, ctx) {
        return { audience: ctx.audience, contact_id: contactIdOf(args.contact_id, ctx) };
      },
    });
    const report = defineTool({
      name: 'report',
      access: 'tenant',
      description: 'Tenant-wide.',
      input: {},
      async handler() {
        return { ok: true };
      },
    });
    host = await createHost({
      config: parseHostConfig({ mcpServers: { crm: { builtin: 'crm' } } }, 'test'),
      builtins: {
        crm: () =>
          createToolServer({ name: 'crm', tools: [whoami, report] as ToolSpec[], defaults: { tenantId: 't' } }),
      },
      mode: 'strict',
    });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('reads each tool’s access from tools/list', () => {
    expect(Object.fromEntries(host.tools().map((t) => [t.name, t.access]))).toEqual({
      crm__whoami: 'contact',
      crm__report: 'tenant',
    });
  });

  it('sends the audience with the trusted contact, so the server binds a customer call', async () => {
    const customer = { tenantId: 't', contactId: 'contact-me', audience: 'customer' as const };
    const own = await host.callTool('crm__whoami', {}, customer);
    expect(JSON.parse(own.content)).toEqual({ audience: 'customer', contact_id: 'contact-me' });
    const other = await host.callTool('crm__whoami', { contact_id: 'contact-other' }, customer);
    expect(other.isError).toBe(true);
    const staff = await host.callTool(
      'crm__whoami',
      { contact_id: 'contact-other' },
      { ...customer, audience: 'staff' },
    );
    expect(JSON.parse(staff.content)).toEqual({ audience: 'staff', contact_id: 'contact-other' });
  });
});
