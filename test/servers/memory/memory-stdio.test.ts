import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMeta } from '../../../src/shared/index.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const run = promisify(execFile);
let dir: string;
let client: Client;

function env(extra: Record<string, string>): Record<string, string> {
  const base = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  return { ...base, VENTROS_DATA_DIR: dir, LOG_LEVEL: 'warn', ...extra };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-memory-stdio-'));
  const seeded = await run('node', ['--import', 'tsx', 'src/cli/main.ts', 'seed'], {
    cwd: ROOT,
    env: env({}),
    timeout: 60_000,
  });
  expect(seeded.stdout).toMatch(/tenant-demo — Nuvem Varejo Ltda: 32 contacts/);
  const transport = new StdioClientTransport({
    command: 'node',
    args: ['--import', 'tsx', 'src/cli/main.ts', 'server', 'memory'],
    cwd: ROOT,
    env: env({ VENTROS_TENANT_ID: 'tenant-demo', VENTROS_CONTACT_ID: 'contact-carlos' }),
    stderr: 'ignore',
  });
  client = new Client({ name: 'memory-stdio-test', version: '1.0.0' });
  await client.connect(transport);
}, 90_000);

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (name: string, args: Record<string, unknown>, meta?: Parameters<typeof toMeta>[0]) =>
  (await client.callTool({ name, arguments: args, ...(meta ? { _meta: toMeta(meta) } : {}) })) as CallToolResult;

describe('ventros server memory (real stdio subprocess)', () => {
  it('serves the five memory tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'add_session',
      'get_contact_context',
      'get_related_entities',
      'search_memory',
      'store_memory',
    ]);
  });

  it('searches the seeded memory of the configured contact in every mode', async () => {
    for (const mode of ['HYBRID', 'VECTOR_ONLY', 'KEYWORD_ONLY', 'GRAPH_ONLY']) {
      const result = await call('search_memory', { query: 'preço caro cancelar Plano Enterprise', mode });
      expect(result.isError ?? false).toBe(false);
      const body = result.structuredContent as { memories: { contact_id: string }[]; metadata: { mode: string } };
      expect(body.metadata.mode).toBe(mode);
      expect(body.memories.length, mode).toBeGreaterThan(0);
      expect(body.memories.every((m) => m.contact_id === 'contact-carlos')).toBe(true);
    }
  });

  it('stores, reads context, walks the graph and adds a session', async () => {
    const stored = await call('store_memory', {
      content: 'Carlos pediu contato só por WhatsApp',
      memory_type: 'preference',
    });
    expect(stored.isError ?? false).toBe(false);
    const context = await call('get_contact_context', { history_limit: 50 });
    const body = context.structuredContent as { profile: { name: string }; recent_memories: { id: string }[] };
    expect(body.profile.name).toBe('Carlos Mendes');
    expect(body.recent_memories.map((m) => m.id)).toContain(
      (stored.structuredContent as { memory_id: string }).memory_id,
    );
    const related = await call('get_related_entities', { max_depth: 2 });
    expect((related.structuredContent as { entities: unknown[] }).entities.length).toBeGreaterThan(0);
    const session = await call('add_session', {
      session_id: 'sess-stdio',
      summary: 'Carlos pediu tempo para decidir.',
    });
    expect(session.structuredContent).toEqual({ memories_created: 1, session_id: 'sess-stdio' });
  });

  it('answers bad arguments with isError and keeps serving', async () => {
    expect((await call('search_memory', { query: 'x', limit: 'many' })).isError).toBe(true);
    expect((await call('get_related_entities', { max_depth: 4 })).isError).toBe(true);
    expect((await call('search_memory', { query: 'ok' })).isError ?? false).toBe(false);
  });

  it('takes the tenant from _meta only: tenant-isolation sees its own Carlos', async () => {
    const iso = { tenantId: 'tenant-isolation', contactId: 'contact-carlos' };
    const context = await call('get_contact_context', { tenant_id: 'tenant-demo' }, iso);
    expect((context.structuredContent as { profile: { name: string } }).profile.name).toBe('Carlos Isolado');
    const search = await call('search_memory', { query: 'preço caro cancelar', limit: 50 }, iso);
    const memories = (search.structuredContent as { memories: { id: string }[] }).memories;
    expect(memories.length).toBeGreaterThan(0);
    expect(memories.every((m) => m.id.startsWith('mem-isolation'))).toBe(true);
  });
});
