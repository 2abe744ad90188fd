import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ventrosStdio } from '../../support/ventros-stdio.js';

const root = join(import.meta.dirname, '..', '..', '..');
let dataDir: string;
let client: Client;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ventros-mcp-'));
  client = new Client({ name: 'claude-desktop-like', version: '1.0.0' });
  await client.connect(ventrosStdio(dataDir, { logLevel: 'warn', stderr: 'pipe' }));
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ventros mcp (stdio, as Claude Desktop launches it)', () => {
  it('lists the agent tools and the catalog resource', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'run_agent']);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('ventros://agents');
  });

  it("offers each specialist's instruction as a prompt", async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(expect.arrayContaining(['reply_to_customer', 'retention_churn', 'sdr']));
    const churn = await client.getPrompt({ name: 'retention_churn' });
    const text = churn.messages[0]?.content.type === 'text' ? churn.messages[0].content.text : '';
    expect(text.length).toBeGreaterThan(200);
    expect(churn.description).toContain('Placeholders');
  });

  it('answers a customer message through the routed specialist on the seeded store', async () => {
    const result = await client.callTool({
      name: 'ask',
      arguments: { message: 'Quero cancelar, está muito caro', contact_id: 'contact-carlos' },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      agent_used: 'retention_churn',
      metadata: { tenant_id: 'tenant-demo', contact_id: 'contact-carlos' },
    });
    // The contact reached the tools: memory search found Carlos's own history.
    const calls = (result.structuredContent as { tool_calls: Array<{ tool_name: string; output: string }> }).tool_calls;
    const search = calls.find((c) => c.tool_name === 'search_memory');
    expect(search?.output).toContain('contact-carlos');
    // The first answer also builds the app in the child (router, store): slow on a loaded machine.
  }, 90_000);

  it('continues a conversation by session_id and refuses a session of another contact', async () => {
    const first = await client.callTool({
      name: 'run_agent',
      arguments: {
        agent: 'support_technical',
        message: 'O app não abre',
        contact_id: 'contact-carlos',
        session_id: 'mcp-session-1',
      },
    });
    expect(first.structuredContent).toMatchObject({
      metadata: { session_id: 'mcp-session-1', contact_id: 'contact-carlos' },
    });
    const other = await client.callTool({
      name: 'ask',
      arguments: { message: 'Oi', contact_id: 'contact-ana', session_id: 'mcp-session-1' },
    });
    expect(other.isError).toBe(true);
    expect(JSON.stringify(other.content)).toContain('belongs to another contact');
  });

  it('answers bad arguments with an MCP error, not a crash', async () => {
    const result = await client.callTool({ name: 'ask', arguments: { message: '' } });
    expect(result.isError).toBe(true);
    const again = await client.callTool({
      name: 'run_agent',
      arguments: { agent: 'sdr', message: 'Tenho interesse no plano Pro, somos 50 pessoas' },
    });
    expect(again.isError).toBeFalsy();
  });
});

describe('ventros mcp when the application cannot start', () => {
  it('still completes the handshake and lists its tools, then fails each call with the reason', async () => {
    const broken = new Client({ name: 'claude-desktop-like', version: '1.0.0' });
    const dir = mkdtempSync(join(tmpdir(), 'ventros-mcp-broken-'));
    try {
      await broken.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: ['--import', 'tsx', join(root, 'src/cli/main.ts'), '--config', join(dir, 'missing.json'), 'mcp'],
          cwd: root,
          env: { PATH: process.env.PATH ?? '', VENTROS_DATA_DIR: dir, VENTROS_MODEL: 'offline', LOG_LEVEL: 'silent' },
          stderr: 'pipe',
        }),
      );
      const { tools } = await broken.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'run_agent']);
      const result = await broken.callTool({ name: 'ask', arguments: { message: 'Oi' } });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(/missing\.json/);
    } finally {
      await broken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
