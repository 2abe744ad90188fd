import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentsMcpServer } from '../../../src/bridge/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { ventrosStdio } from '../../support/ventros-stdio.js';

const _root = join(import.meta.dirname, '../../..');
const ANGRY = 'Isso é um absurdo, vou no Procon e quero cancelar';

type Structured = {
  status?: string;
  approval?: { id: string; tool: string };
  tool_calls: Array<{ tool_name: string; is_error?: boolean; input?: Record<string, unknown> }>;
};

/*
 * MCP elicitation, through real SDK clients (offline model: a severity 9 escalation waits): `ventros
 * mcp` over stdio asks a client that can show forms (`elicitation/create`) and continues the run with
 * its answer; a client without elicitation gets the awaiting_approval result, and the approval waits in
 * the queue.
 */
describe('approvals through MCP elicitation', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ventros-mcp-approvals-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('asks a client with elicitation and continues the run with its answer (stdio)', async () => {
    const client = new Client(
      { name: 'supervisor-ui', version: '1.0.0' },
      { capabilities: { elicitation: { form: {} } } },
    );
    const asked: Array<{ message: string; schema: unknown }> = [];
    client.setRequestHandler('elicitation/create', async (request) => {
      const params = request.params as { message: string; requestedSchema?: unknown };
      asked.push({ message: params.message, schema: params.requestedSchema });
      return { action: 'accept', content: { decision: 'approve', note: 'pode seguir' } };
    });
    await client.connect(ventrosStdio(dataDir, { logLevel: 'warn', stderr: 'pipe' }));
    try {
      const result = await client.callTool(
        { name: 'run_agent', arguments: { agent: 'retention_churn', message: ANGRY, contact_id: 'contact-vanessa' } },
        { timeout: 120_000 },
      );
      expect(asked).toHaveLength(1);
      expect(asked[0]?.message).toMatch(/escalate_to_supervisor.*severity/s);
      expect(asked[0]?.schema).toMatchObject({ properties: { decision: { enum: ['approve', 'reject'] } } });
      const structured = result.structuredContent as Structured;
      expect(structured.status).toBe('completed');
      expect(structured.tool_calls.at(-1)).toMatchObject({ tool_name: 'escalate_to_supervisor', is_error: false });
    } finally {
      await client.close();
    }
  }, 180_000);

  describe('a client without elicitation', () => {
    let seeded: SeededApp;
    beforeAll(async () => {
      seeded = await createSeededApp();
    }, 120_000);
    afterAll(async () => seeded?.close());

    it('gets the awaiting_approval result, and the approval waits in the queue', async () => {
      const server = createAgentsMcpServer(seeded.app, { tenantId: 'tenant-demo' });
      const client = new Client({ name: 'plain', version: '1.0.0' });
      const [a, b] = InMemoryTransport.createLinkedPair();
      await server.connect(a);
      await client.connect(b);
      try {
        const result = await client.callTool({
          name: 'run_agent',
          arguments: { agent: 'retention_churn', message: ANGRY, contact_id: 'contact-vanessa' },
        });
        const structured = result.structuredContent as Structured;
        expect(structured.status).toBe('awaiting_approval');
        expect((result.content as Array<{ text: string }>)[0]?.text).toMatch(/^Waiting for approval/);
        const pending = await seeded.app.approvals?.list('tenant-demo', 'pending');
        expect(pending?.map((p) => p.id)).toContain(structured.approval?.id);
      } finally {
        await client.close();
        await server.close();
      }
    });
  });
});
