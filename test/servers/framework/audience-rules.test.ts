import type { CallToolResult } from '@modelcontextprotocol/client';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contactIdOf, createToolServer, defineTool, type ToolSpec } from '../../../src/servers/framework/index.js';
import { fromMeta, META_TOOL_ACCESS, toMeta } from '../../../src/shared/index.js';

const lookup = defineTool({
  name: 'lookup',
  access: 'contact',
  description: 'Reads one contact.',
  input: { contact_id: z.string().optional() },
  async handler(args, ctx) {
    return { contact_id: contactIdOf(args.contact_id, ctx), audience: ctx.audience };
  },
});
const report = defineTool({
  name: 'report',
  access: 'tenant',
  description: 'Counts every contact.',
  input: {},
  async handler() {
    return { contacts: 42 };
  },
});
const echo = defineTool({
  name: 'echo',
  access: 'public',
  description: 'Repeats.',
  input: { text: z.string() },
  async handler({ text }) {
    return { text };
  },
});

let client: Client;
const call = async (name: string, args: Record<string, unknown>, meta: Record<string, string>) =>
  (await client.callTool({ name, arguments: args, _meta: meta })) as CallToolResult;
const text = (r: CallToolResult) => (r.content[0] as { text: string }).text;
const customer = toMeta({ tenantId: 't1', contactId: 'contact-me', audience: 'customer' });

beforeAll(async () => {
  const server = createToolServer({
    name: 'rules',
    tools: [lookup, report, echo] as ToolSpec[],
    defaults: { tenantId: 't1' },
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  client = new Client({ name: 'rules-test', version: '1.0.0' });
  await client.connect(b);
});
afterAll(async () => {
  await client?.close();
});

describe('audience rules of the server framework', () => {
  it('publishes each tool’s access in tools/list', async () => {
    const { tools } = await client.listTools();
    expect(Object.fromEntries(tools.map((t) => [t.name, t._meta?.[META_TOOL_ACCESS]]))).toEqual({
      lookup: 'contact',
      report: 'tenant',
      echo: 'public',
    });
  });

  it('binds a customer call to its trusted contact, before the handler runs', async () => {
    expect((await call('lookup', {}, customer)).structuredContent).toEqual({
      contact_id: 'contact-me',
      audience: 'customer',
    });
    expect((await call('lookup', { contact_id: 'contact-me' }, customer)).isError).toBeFalsy();
    const other = await call('lookup', { contact_id: 'contact-someone-else' }, customer);
    expect(other.isError).toBe(true);
    expect(text(other)).toMatch(/only that customer’s own data.*leave contact_id out/);
  });

  it('refuses tenant-wide tools to customers and lets public ones through', async () => {
    const refused = await call('report', {}, customer);
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/report reads data across customers/);
    expect((await call('echo', { text: 'oi' }, customer)).structuredContent).toEqual({ text: 'oi' });
  });

  it('lets staff (and clients that send no audience) name any contact and use tenant-wide tools', async () => {
    const staff = toMeta({ tenantId: 't1', contactId: 'contact-me', audience: 'staff' });
    expect((await call('lookup', { contact_id: 'contact-x' }, staff)).structuredContent).toMatchObject({
      contact_id: 'contact-x',
      audience: 'staff',
    });
    expect((await call('lookup', { contact_id: 'contact-x' }, toMeta({ tenantId: 't1' }))).isError).toBeFalsy();
    expect((await call('report', {}, staff)).structuredContent).toEqual({ contacts: 42 });
  });

  it('reads an audience it does not know as customer (fail closed)', () => {
    expect(fromMeta({ 'io.ventros/audience': 'admin' }).audience).toBe('customer');
    expect(fromMeta({ 'io.ventros/audience': 'staff' }).audience).toBe('staff');
    expect(fromMeta({}).audience).toBeUndefined();
  });
});
