import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createToolServer,
  defineResource,
  defineTool,
  ToolError,
  type ToolSpec,
} from '../../../src/servers/framework/index.js';
import { META_ERROR } from '../../../src/servers/framework/tool-result.js';
import { sleep, toMeta } from '../../../src/shared/index.js';

const whoami = defineTool({
  name: 'whoami',
  access: 'public',
  description: 'Returns the trusted context the call ran with.',
  input: { note: z.string().optional().describe('Anything') },
  output: { tenant_id: z.string(), contact_id: z.string().nullable(), session_id: z.string().nullable() },
  async handler(_args, ctx) {
    return { tenant_id: ctx.tenantId, contact_id: ctx.contactId ?? null, session_id: ctx.sessionId ?? null };
  },
});

const refuse = defineTool({
  name: 'refuse',
  access: 'public',
  description: 'Always refuses with a business error.',
  input: { amount: z.number().min(0).max(100).describe('Amount') },
  async handler({ amount }) {
    throw new ToolError(`amount ${amount} is above the limit: escalate_to_supervisor`, { amount });
  },
});

const crash = defineTool({
  name: 'crash',
  access: 'public',
  description: 'A bug.',
  input: {},
  async handler() {
    throw new Error('secret database path /var/x');
  },
});

const slow = defineTool({
  name: 'slow',
  access: 'public',
  description: 'Reports progress, then never finishes before its deadline.',
  input: {},
  timeoutMs: 200,
  async handler(_args, ctx) {
    await ctx.progress?.(1, 2, 'half way');
    await sleep(5_000);
    return {};
  },
});

const progressing = defineTool({
  name: 'progressing',
  access: 'public',
  description: 'Reports progress twice.',
  input: {},
  async handler(_args, ctx) {
    await ctx.progress?.(1, 2, 'one');
    await ctx.progress?.(2, 2, 'two');
    return { done: true };
  },
});

const profile = defineResource({
  name: 'profile',
  uriTemplate: 'test://profiles/{id}',
  description: 'A profile',
  async list(ctx) {
    return [{ uri: `test://profiles/${ctx.tenantId}-1`, name: 'one' }];
  },
  async read(_uri, vars, ctx) {
    return { id: vars.id, tenant: ctx.tenantId };
  },
});

const chart = defineTool({
  name: 'chart',
  access: 'public',
  description: 'Answers with an image.',
  input: {},
  async handler() {
    return { points: 3 };
  },
  present: (value) => [
    { type: 'text', text: `a chart of ${String(value.points)} points` },
    { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
  ],
});

const logo = defineResource({
  name: 'logo',
  uriTemplate: 'test://logo',
  description: 'Bytes',
  mimeType: 'image/png',
  async read() {
    return new Uint8Array([137, 80, 78, 71]);
  },
});

const tools = [whoami, refuse, crash, slow, progressing, chart] as ToolSpec[];
const clients: Client[] = [];

async function connect(
  defaults: { tenantId: string; contactId?: string; pinned?: boolean } = {
    tenantId: 'tenant-default',
    contactId: 'contact-default',
  },
): Promise<Client> {
  const server = createToolServer({ name: 'test', tools, resources: [profile, logo], defaults });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await client.connect(b);
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('createToolServer', () => {
  it('lists tools with input and output JSON schemas', async () => {
    const client = await connect();
    const { tools: listed } = await client.listTools();
    const who = listed.find((t) => t.name === 'whoami');
    expect(who?.inputSchema.properties).toHaveProperty('note');
    expect(who?.outputSchema?.properties).toHaveProperty('tenant_id');
  });

  it('answers with structuredContent and the same JSON in a text block', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(result.structuredContent).toEqual({
      tenant_id: 'tenant-default',
      contact_id: 'contact-default',
      session_id: null,
    });
    const content = result.content as Array<{ type: string; text: string }>;
    expect(JSON.parse(content[0]?.text ?? '')).toEqual(result.structuredContent);
  });

  it('takes the tenant, contact and session from _meta over the defaults', async () => {
    const client = await connect();
    const result = await client.callTool({
      name: 'whoami',
      arguments: { note: 'x' },
      _meta: toMeta({ tenantId: 'tenant-a', contactId: 'contact-a', sessionId: 'session-1' }),
    });
    expect(result.structuredContent).toEqual({
      tenant_id: 'tenant-a',
      contact_id: 'contact-a',
      session_id: 'session-1',
    });
  });

  it('does not carry the default contact into another tenant named by _meta', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'whoami', arguments: {}, _meta: toMeta({ tenantId: 'tenant-b' }) });
    expect(result.structuredContent).toMatchObject({ tenant_id: 'tenant-b', contact_id: null });
  });

  it('ignores a tenant_id the model wrote into the arguments', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'whoami', arguments: { tenant_id: 'tenant-evil', note: 'hi' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ tenant_id: 'tenant-default' });
  });

  it('turns a ToolError into an isError result with its message and details', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'refuse', arguments: { amount: 40 } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]?.text).toContain('escalate_to_supervisor');
    expect(result._meta?.[META_ERROR]).toMatchObject({ code: 'tool_error', details: { amount: 40 } });
  });

  it('answers bad arguments with an isError result, not a protocol error', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'refuse', arguments: { amount: 'lots' } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]?.text).toMatch(/Invalid arguments/);
  });

  it('hides unexpected errors behind a generic message with an error id', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'crash', arguments: {} });
    expect(result.isError).toBe(true);
    const text = (result.content as Array<{ text: string }>)[0]?.text ?? '';
    expect(text).not.toContain('/var/x');
    expect(text).toMatch(/error id [0-9a-f-]{36}/);
  });

  it('ends a call that passes its deadline with an isError result', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'slow', arguments: {} });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]?.text).toMatch(/deadline/);
  });

  it('sends progress notifications when the client passes a progress token', async () => {
    const client = await connect();
    const seen: Array<{ progress: number; message?: string }> = [];
    const result = await client.callTool(
      { name: 'progressing', arguments: {} },
      {
        onprogress: (p) => seen.push({ progress: p.progress, ...(p.message ? { message: p.message } : {}) }),
      },
    );
    expect(result.isError).toBeFalsy();
    expect(seen).toEqual([
      { progress: 1, message: 'one' },
      { progress: 2, message: 'two' },
    ]);
  });

  it('serves resource templates with the trusted tenant', async () => {
    const client = await connect();
    const listed = await client.listResources({ _meta: toMeta({ tenantId: 'tenant-a' }) });
    expect(listed.resources.map((r) => r.uri)).toContain('test://profiles/tenant-a-1');
    const read = await client.readResource({ uri: 'test://profiles/42', _meta: toMeta({ tenantId: 'tenant-a' }) });
    const first = read.contents[0] as { text: string; mimeType: string };
    expect(first.mimeType).toBe('application/json');
    expect(JSON.parse(first.text)).toEqual({ id: '42', tenant: 'tenant-a' });
  });

  it("answers with a tool's own content blocks when it presents its result", async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'chart', arguments: {} });
    expect(result.content).toEqual([
      { type: 'text', text: 'a chart of 3 points' },
      { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
    ]);
    expect(result.structuredContent).toEqual({ points: 3 });
  });

  it('serves a resource read as bytes as a base64 blob', async () => {
    const client = await connect();
    const read = await client.readResource({ uri: 'test://logo' });
    expect(read.contents[0]).toEqual({ uri: 'test://logo', mimeType: 'image/png', blob: 'iVBORw==' });
  });

  it('refuses two tools with the same name', () => {
    expect(() =>
      createToolServer({ name: 'dup', tools: [whoami, whoami] as ToolSpec[], defaults: { tenantId: 't' } }),
    ).toThrow(/duplicate tool name whoami/);
  });
});
