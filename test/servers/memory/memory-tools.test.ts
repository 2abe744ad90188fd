import type { CallToolResult } from '@modelcontextprotocol/client';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolServer } from '../../../src/servers/framework/index.js';
import { memoryResources, memoryTools } from '../../../src/servers/memory/index.js';
import { toMeta } from '../../../src/shared/index.js';
import { openSeededStore, type SeededStore } from './seeded-store.js';

let seeded: SeededStore;
let client: Client;

beforeAll(async () => {
  seeded = await openSeededStore();
  const server = createToolServer({
    name: 'memory',
    tools: memoryTools(seeded.backend),
    resources: memoryResources(seeded.backend),
    defaults: { tenantId: 'tenant-demo', contactId: 'contact-carlos' },
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'memory-tools-test', version: '1.0.0' });
  await client.connect(clientSide);
});
afterAll(async () => {
  await client.close();
  seeded.cleanup();
});

async function call(
  name: string,
  args: Record<string, unknown>,
  meta?: { tenantId?: string; contactId?: string; sessionId?: string },
) {
  return (await client.callTool({ name, arguments: args, ...(meta ? { _meta: toMeta(meta) } : {}) })) as CallToolResult;
}

function structured<T = Record<string, unknown>>(result: CallToolResult): T {
  expect(result.isError ?? false).toBe(false);
  return result.structuredContent as T;
}

describe('memory MCP tools', () => {
  it('lists the five tools with described inputs and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'add_session',
      'get_contact_context',
      'get_related_entities',
      'search_memory',
      'store_memory',
    ]);
    for (const tool of tools) {
      expect(tool.outputSchema).toBeDefined();
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect((schema as { description?: string }).description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
  });

  it('search_memory defaults to the trusted contact and reports its signals', async () => {
    const result = structured<{ memories: { contact_id: string }[]; metadata: Record<string, unknown> }>(
      await call('search_memory', { query: 'cancelar preço caro', strategy: 'retention_churn' }),
    );
    expect(result.memories.length).toBeGreaterThan(0);
    expect(result.memories.every((m) => m.contact_id === 'contact-carlos')).toBe(true);
    expect(result.metadata).toMatchObject({ mode: 'HYBRID', strategy: 'retention_churn' });
    const everyone = structured<{ memories: { contact_id: string }[] }>(
      await call('search_memory', { query: 'plano', all_contacts: true, limit: 20 }),
    );
    expect(new Set(everyone.memories.map((m) => m.contact_id)).size).toBeGreaterThan(1);
  });

  it.each(['HYBRID', 'VECTOR_ONLY', 'KEYWORD_ONLY', 'GRAPH_ONLY'])('search_memory runs in %s mode', async (mode) => {
    const result = structured<{ metadata: { mode: string } }>(
      await call('search_memory', { query: 'Plano Enterprise preço', mode, contact_id: 'contact-carlos' }),
    );
    expect(result.metadata.mode).toBe(mode);
  });

  it('answers bad arguments with a tool error, not a crash', async () => {
    for (const [name, args] of [
      ['search_memory', { query: '' }],
      ['search_memory', { query: 'x', mode: 'テスト' }],
      ['search_memory', { query: 'x', limit: 500 }],
      ['get_related_entities', { max_depth: 9 }],
      ['store_memory', { content: 'x', memory_type: 'Not A Type!' }],
    ] as const) {
      const result = await call(name, args);
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
    }
    const unknown = await call('get_contact_context', { contact_id: 'contact-nobody' });
    expect(unknown.isError).toBe(true);
    expect(JSON.stringify(unknown.content)).toMatch(/contact-nobody not found/);
  });

  it('get_contact_context returns profile, stats and the graph', async () => {
    const result = structured<{
      profile: { name: string };
      stats: { churn_risk: number };
      graph: { nodes: unknown[] };
    }>(await call('get_contact_context', { include_graph: true }));
    expect(result.profile.name).toBe('Carlos Mendes');
    expect(result.stats.churn_risk).toBeGreaterThan(0.5);
    expect(result.graph.nodes.length).toBeGreaterThan(1);
  });

  it('store_memory then search_memory finds it; get_related_entities walks the graph', async () => {
    const stored = structured<{ memory_id: string }>(
      await call('store_memory', {
        content: 'Carlos aceitaria ficar com 15% de desconto no plano anual',
        memory_type: 'agent_insight',
        importance: 0.8,
      }),
    );
    const found = structured<{ memories: { id: string }[] }>(
      await call('search_memory', { query: 'desconto plano anual ficar', mode: 'KEYWORD_ONLY' }),
    );
    expect(found.memories.map((m) => m.id)).toContain(stored.memory_id);
    const related = structured<{ entities: { entity: { type: string } }[] }>(
      await call('get_related_entities', { target_types: ['product'] }),
    );
    expect(related.entities.length).toBeGreaterThan(0);
    expect(related.entities.every((e) => e.entity.type === 'product')).toBe(true);
  });

  it('add_session stores a session summary once, using the trusted session id', async () => {
    const args = {
      messages: [{ role: 'user', content: 'Vou pensar na proposta de renovação' }],
      summary: 'Carlos vai pensar na renovação.',
    };
    const first = structured<{ memories_created: number; session_id: string }>(
      await call('add_session', args, {
        tenantId: 'tenant-demo',
        contactId: 'contact-carlos',
        sessionId: 'sess-tools-1',
      }),
    );
    expect(first).toEqual({ memories_created: 1, session_id: 'sess-tools-1' });
    const again = structured<{ memories_created: number }>(
      await call('add_session', args, {
        tenantId: 'tenant-demo',
        contactId: 'contact-carlos',
        sessionId: 'sess-tools-1',
      }),
    );
    expect(again.memories_created).toBe(0);
    expect((await call('add_session', args)).isError).toBe(true); // no session id anywhere
  });

  describe('tenant isolation (tenant only from _meta, never from arguments)', () => {
    const iso = { tenantId: 'tenant-isolation', contactId: 'contact-carlos' };

    it('search_memory', async () => {
      const result = structured<{ memories: { id: string; content: string }[] }>(
        await call('search_memory', { query: 'preço caro cancelar', limit: 50, tenant_id: 'tenant-demo' }, iso),
      );
      expect(result.memories.length).toBeGreaterThan(0);
      expect(result.memories.every((m) => m.id.startsWith('mem-isolation'))).toBe(true);
    });

    it('get_contact_context', async () => {
      const result = structured<{ profile: { name: string } }>(await call('get_contact_context', {}, iso));
      expect(result.profile.name).toBe('Carlos Isolado');
    });

    it('store_memory', async () => {
      const stored = structured<{ memory_id: string }>(
        await call('store_memory', { content: 'segredo do tenant isolado xyzzy', memory_type: 'note' }, iso),
      );
      const fromDemo = structured<{ memories: { id: string }[] }>(
        await call('search_memory', { query: 'segredo xyzzy', all_contacts: true }),
      );
      expect(fromDemo.memories.map((m) => m.id)).not.toContain(stored.memory_id);
    });

    it('get_related_entities', async () => {
      const result = structured<{ entities: { entity: { id: string } }[] }>(
        await call('get_related_entities', {}, iso),
      );
      expect(result.entities.map((e) => e.entity.id)).not.toContain('product-plano-enterprise');
      expect(
        (await call('get_related_entities', { entity_id: 'camp-black-friday', entity_type: 'campaign' }, iso)).isError,
      ).toBe(true);
    });

    it('add_session', async () => {
      const args = { messages: [{ role: 'user', content: 'teste isolado' }], summary: 'Sessão isolada zork.' };
      structured(await call('add_session', args, { ...iso, sessionId: 'sess-iso' }));
      const fromDemo = structured<{ memories: { content: string }[] }>(
        await call('search_memory', { query: 'sessão isolada zork', all_contacts: true }),
      );
      expect(fromDemo.memories.some((m) => m.content.includes('zork'))).toBe(false);
    });
  });

  it('serves crm://contacts/{id} and its memories as resources, scoped to the tenant', async () => {
    const profile = await client.readResource({ uri: 'crm://contacts/contact-helena' });
    const body = JSON.parse((profile.contents[0] as { text: string }).text);
    expect(body.profile.name).toBe('Helena Costa');
    expect(body.stats.lifetime_value).toBeGreaterThan(50000);
    const memories = await client.readResource({ uri: 'crm://contacts/contact-helena/memories' });
    expect(JSON.parse((memories.contents[0] as { text: string }).text).memories.length).toBeGreaterThan(0);
  });
});
