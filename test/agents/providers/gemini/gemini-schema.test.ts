import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toGeminiSchema } from '../../../../src/agents/providers/gemini/gemini-schema.js';

/** What Gemini refuses anywhere in a function declaration's parameters. */
const REJECTED = [
  '$schema',
  '$ref',
  '$defs',
  'definitions',
  'additionalProperties',
  'const',
  'oneOf',
  'allOf',
  'default',
  'examples',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'propertyNames',
];
const TYPES = new Set(['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT']);

/** Walks a converted schema and lists every violation of Gemini's subset. */
function violations(schema: unknown, path = '$'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const out: string[] = [];
  for (const key of REJECTED) if (key in node) out.push(`${path}.${key}`);
  if (node.type !== undefined && !TYPES.has(String(node.type))) out.push(`${path}.type=${String(node.type)}`);
  if (node.type === undefined && node.anyOf === undefined) out.push(`${path}: no type`);
  if (node.type !== undefined && node.anyOf !== undefined) out.push(`${path}: type and anyOf`);
  if (node.type === 'ARRAY' && node.items === undefined) out.push(`${path}: array without items`);
  if (Array.isArray(node.enum) && node.enum.some((v) => typeof v !== 'string')) out.push(`${path}.enum not strings`);
  if (
    typeof node.format === 'string' &&
    !['enum', 'date-time', 'float', 'double', 'int32', 'int64'].includes(node.format)
  ) {
    out.push(`${path}.format=${node.format}`);
  }
  const properties = (node.properties ?? {}) as Record<string, unknown>;
  for (const r of (node.required ?? []) as string[]) if (!(r in properties)) out.push(`${path}.required ${r} missing`);
  for (const [key, value] of Object.entries(properties)) out.push(...violations(value, `${path}.${key}`));
  if (node.items) out.push(...violations(node.items, `${path}[]`));
  for (const [i, branch] of ((node.anyOf ?? []) as unknown[]).entries())
    out.push(...violations(branch, `${path}|${i}`));
  return out;
}

const Address = z.object({ street: z.string(), zip: z.string().regex(/^\d{5}-\d{3}$/) });
const complex = z.object({
  email: z.email().describe('Customer e-mail'),
  id: z.uuid(),
  site: z.url().optional(),
  age: z.number().int().positive().max(130),
  score: z.number().gt(0).lt(1),
  status: z.enum(['active', 'churned']),
  channel: z.literal('whatsapp'),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  note: z.string().nullable(),
  tags: z.array(z.string()).min(1).max(5).default(['vip']),
  address: Address.optional(),
  previous: z.array(Address),
  metadata: z.record(z.string(), z.unknown()),
  when: z.iso.datetime(),
  amount: z.union([z.number(), z.string()]),
  flags: z.object({ a: z.boolean() }).and(z.object({ b: z.boolean() })),
});

describe('toGeminiSchema', () => {
  it('cleans what zod 4 z.toJSONSchema emits into Gemini’s subset', () => {
    const json = z.toJSONSchema(complex) as Record<string, unknown>;
    expect(json.$schema).toBeDefined();
    const schema = toGeminiSchema(json);
    expect(violations(schema)).toEqual([]);
    expect(schema).toMatchObject({
      type: 'OBJECT',
      properties: {
        email: { type: 'STRING', description: 'Customer e-mail (format: email)' },
        age: { type: 'INTEGER', maximum: 130 },
        status: { type: 'STRING', enum: ['active', 'churned'] },
        channel: { type: 'STRING', enum: ['whatsapp'] },
        note: { type: 'STRING', nullable: true },
        tags: { type: 'ARRAY', items: { type: 'STRING' }, minItems: '1', maxItems: '5' },
        address: {
          type: 'OBJECT',
          properties: { street: { type: 'STRING' }, zip: { type: 'STRING', pattern: '^\\d{5}-\\d{3}$' } },
        },
        previous: { type: 'ARRAY', items: { type: 'OBJECT', required: ['street', 'zip'] } },
        metadata: { type: 'OBJECT' },
        when: { type: 'STRING', format: 'date-time' },
        amount: { anyOf: [{ type: 'NUMBER' }, { type: 'STRING' }] },
        flags: { type: 'OBJECT', properties: { a: { type: 'BOOLEAN' }, b: { type: 'BOOLEAN' } } },
      },
    });
    // Values Gemini cannot take as schema keywords survive as words the model reads.
    const props = schema?.properties ?? {};
    expect(props.score?.description).toMatch(/greater than 0.*less than 1/);
    expect(props.priority?.description).toMatch(/1.*2.*3/);
    // The e-mail/uuid formats and their generated regexes are gone.
    expect(props.email?.pattern).toBeUndefined();
    expect(props.id).toEqual({ type: 'STRING', description: 'format: uuid' });
    expect(schema?.required).toEqual(expect.arrayContaining(['email', 'status', 'tags', 'flags']));
    expect(schema?.required).not.toContain('site');
  });

  it('inlines $defs references and cuts recursive ones', () => {
    interface Category {
      name: string;
      children: Category[];
    }
    const CategorySchema: z.ZodType<Category> = z.lazy(() =>
      z.object({ name: z.string(), children: z.array(CategorySchema) }),
    );
    const Money = z.object({ cents: z.number().int(), currency: z.string().length(3) }).meta({ id: 'Money' });
    const schema = toGeminiSchema(
      z.toJSONSchema(z.object({ total: Money, refund: Money.optional(), tree: CategorySchema }), {
        reused: 'ref',
      }) as Record<string, unknown>,
    );
    expect(violations(schema)).toEqual([]);
    expect(schema?.properties?.total).toMatchObject({
      type: 'OBJECT',
      properties: { currency: { minLength: '3', maxLength: '3' } },
    });
    expect(schema?.properties?.refund).toMatchObject({ type: 'OBJECT', properties: { cents: { type: 'INTEGER' } } });
    const tree = schema?.properties?.tree;
    expect(tree).toMatchObject({ type: 'OBJECT', properties: { name: { type: 'STRING' } } });
    expect(tree?.properties?.children?.items?.type).toBe('OBJECT');
  });

  it('handles type lists, nullable enums and draft-07 definitions', () => {
    const schema = toGeminiSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      definitions: { Kind: { type: 'string', enum: ['a', 'b', null] } },
      properties: {
        maybe: { type: ['integer', 'null'] },
        either: { type: ['string', 'number'] },
        kind: { $ref: '#/definitions/Kind', description: 'The kind' },
        choice: { oneOf: [{ const: 'x' }, { const: 'y' }, { type: 'null' }] },
        anything: {},
        list: { type: 'array' },
      },
      required: ['maybe', 'ghost'],
      additionalProperties: false,
    });
    expect(violations(schema)).toEqual([]);
    expect(schema?.properties).toMatchObject({
      maybe: { type: 'INTEGER', nullable: true },
      either: { anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] },
      kind: { type: 'STRING', enum: ['a', 'b'], nullable: true, description: 'The kind' },
      choice: { type: 'STRING', enum: ['x', 'y'], nullable: true },
      list: { type: 'ARRAY', items: { type: 'STRING' } },
    });
    expect(schema?.required).toEqual(['maybe']);
  });

  it('leaves parameters out for tools without arguments', () => {
    expect(toGeminiSchema({ type: 'object', properties: {} })).toBeUndefined();
    expect(toGeminiSchema(z.toJSONSchema(z.object({})) as Record<string, unknown>)).toBeUndefined();
  });

  it('cleans the schemas an MCP server (SDK 1.32) lists for zod-defined tools', async () => {
    const server = new McpServer({ name: 'schemas', version: '1.0.0' });
    server.registerTool('register_contact', { description: 'x', inputSchema: complex }, async () => ({
      content: [],
    }));
    server.registerTool('ping', { description: 'no args' }, async () => ({ content: [] }));
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'test', version: '1.0.0' });
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    try {
      const { tools } = await client.listTools();
      const register = tools.find((t) => t.name === 'register_contact');
      const schema = toGeminiSchema(register?.inputSchema as Record<string, unknown>);
      expect(violations(schema)).toEqual([]);
      expect(schema?.properties?.status).toMatchObject({ type: 'STRING', enum: ['active', 'churned'] });
      const ping = tools.find((t) => t.name === 'ping');
      expect(toGeminiSchema(ping?.inputSchema as Record<string, unknown>)).toBeUndefined();
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('cleans every tool schema of the reference server-everything', async () => {
    const transport = new StdioClientTransport({
      command: 'node_modules/.bin/mcp-server-everything',
      args: ['stdio'],
      stderr: 'ignore',
    });
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(5);
      for (const tool of tools) {
        const schema = toGeminiSchema(tool.inputSchema as Record<string, unknown>);
        expect({ tool: tool.name, problems: violations(schema) }).toEqual({ tool: tool.name, problems: [] });
      }
    } finally {
      await client.close();
    }
  });
});
