import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import {
  Client,
  type InputRequiredResult,
  ProtocolError,
  StreamableHTTPClientTransport,
  withInputRequired,
} from '@modelcontextprotocol/client';
import { CallToolResultSchema } from '@modelcontextprotocol/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAgentsMcpServer, McpHttpHandler } from '../../../src/bridge/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { ventrosStdio } from '../../support/ventros-stdio.js';

const _root = join(import.meta.dirname, '../../..');
const ANGRY = 'Isso é um absurdo, vou no Procon e quero cancelar';
const ESCALATE = { agent: 'retention_churn', message: ANGRY, contact_id: 'contact-vanessa' };
const KEY = 'k'.repeat(48);

type Structured = {
  status?: string;
  approval?: { id: string };
  tool_calls: Array<{ tool_name: string; is_error?: boolean }>;
};
type Answer = { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, string> };

/** A 2026-07-28 client that can show forms; `answer` is what its person says. */
function supervisorClient(answer: () => Answer, asked: string[]): Client {
  const client = new Client(
    { name: 'supervisor-2026', version: '1.0.0' },
    { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  client.setRequestHandler('elicitation/create', async (request) => {
    asked.push((request.params as { message: string }).message);
    return answer();
  });
  return client;
}

/*
 * Approvals on 2026-07-28 (no server-to-client request): a gated action answers tools/call with an
 * input-required result (the approval form as an embedded elicitation and a signed requestState); the
 * client re-sends the call with the answer. Over real HTTP on loopback with two `/mcp` handlers that
 * share only the key and the store (two workers: the rounds alternate between them), and over stdio.
 */
describe('/mcp on 2026-07-28: approvals as input-required rounds', () => {
  let seeded: SeededApp;
  const handlers: McpHttpHandler[] = [];
  let http: ReturnType<typeof serve>;
  let url: URL;
  let served = 0;

  beforeAll(async () => {
    seeded = await createSeededApp();
    for (let i = 0; i < 2; i++) {
      handlers.push(
        new McpHttpHandler({
          createServer: (tenantId) => createAgentsMcpServer(seeded.app, { tenantId, requestStateKey: KEY }),
        }),
      );
    }
    http = serve({
      hostname: '127.0.0.1',
      port: 0,
      fetch: (request: Request) => {
        const tenant = request.headers.get('x-tenant') ?? 'tenant-demo';
        return (handlers[served++ % 2] as McpHttpHandler).handle(request, tenant);
      },
    });
    await new Promise((resolve) => http.once('listening', resolve));
    url = new URL(`http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`);
  }, 120_000);

  afterAll(async () => {
    for (const handler of handlers) await handler.close();
    await new Promise((resolve) => http?.close(resolve));
    await seeded?.close();
  });

  const connect = async (client: Client, tenant = 'tenant-demo') => {
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { 'x-tenant': tenant } } }));
    return client;
  };

  it('asks the person through the input-required round and runs the action on approve', async () => {
    const asked: string[] = [];
    const client = await connect(
      supervisorClient(() => ({ action: 'accept', content: { decision: 'approve', note: 'ok' } }), asked),
    );
    try {
      const result = await client.callTool({ name: 'run_agent', arguments: ESCALATE }, { timeout: 120_000 });
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatch(/escalate_to_supervisor.*severity/s);
      const structured = result.structuredContent as Structured;
      expect(structured.status).toBe('completed');
      expect(structured.tool_calls.at(-1)).toMatchObject({ tool_name: 'escalate_to_supervisor', is_error: false });
    } finally {
      await client.close();
    }
  }, 180_000);

  it('refuses with a tool error on decline, and the approval waits in the queue', async () => {
    const asked: string[] = [];
    const client = await connect(supervisorClient(() => ({ action: 'decline' }), asked));
    try {
      const result = await client.callTool({ name: 'run_agent', arguments: ESCALATE }, { timeout: 120_000 });
      expect(asked).toHaveLength(1);
      expect(result.isError).toBe(true);
      const text = (result.content as Array<{ text: string }>)[0]?.text ?? '';
      expect(text).toMatch(/declined, so nothing ran/);
      const id = /Approval (\S+) waits in the queue/.exec(text)?.[1];
      const pending = await seeded.app.approvals?.list('tenant-demo', 'pending');
      expect(pending?.map((p) => p.id)).toContain(id);
    } finally {
      await client.close();
    }
  }, 180_000);

  it('answers a client without forms with awaiting_approval (no input-required round)', async () => {
    const client = await connect(
      new Client({ name: 'plain-2026', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } }),
    );
    try {
      const result = await client.callTool({ name: 'run_agent', arguments: ESCALATE }, { timeout: 120_000 });
      expect((result.structuredContent as Structured).status).toBe('awaiting_approval');
    } finally {
      await client.close();
    }
  }, 180_000);

  describe('a requestState the server did not issue', () => {
    /** The first round by hand: the input-required result itself. */
    const firstRound = async (client: Client) => {
      const first = await client.request(
        { method: 'tools/call', params: { name: 'run_agent', arguments: ESCALATE } },
        withInputRequired(CallToolResultSchema),
        { allowInputRequired: true, timeout: 120_000 },
      );
      expect((first as InputRequiredResult).resultType).toBe('input_required');
      return first as InputRequiredResult;
    };
    const retry = (client: Client, requestState: string) =>
      client.request(
        {
          method: 'tools/call',
          params: {
            name: 'run_agent',
            arguments: ESCALATE,
            inputResponses: { approval: { action: 'accept', content: { decision: 'approve' } } },
            requestState,
          },
        },
        withInputRequired(CallToolResultSchema),
        { allowInputRequired: true, timeout: 30_000 },
      );
    const manual = () =>
      new Client(
        { name: 'manual-2026', version: '1.0.0' },
        {
          capabilities: { elicitation: { form: {} } },
          versionNegotiation: { mode: { pin: '2026-07-28' } },
          inputRequired: { autoFulfill: false },
        },
      );

    it('carries the approval id signed, no secret, and a tampered one is refused (-32602)', async () => {
      const client = await connect(manual());
      try {
        const first = await firstRound(client);
        const state = first.requestState ?? '';
        expect(first.inputRequests?.approval).toMatchObject({ method: 'elicitation/create' });
        const [, body = ''] = state.split('.');
        const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { p: Record<string, unknown> };
        expect(Object.keys(payload.p).sort()).toEqual(['approvalId', 'round', 'tool']);
        expect(JSON.stringify(payload)).not.toContain('tenant-demo');
        const forged = Buffer.from(JSON.stringify({ ...payload, p: { ...payload.p, round: 1, tool: 'ask' } })).toString(
          'base64url',
        );
        const error = await retry(client, state.replace(body, forged)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProtocolError);
        expect((error as ProtocolError).code).toBe(-32602);
        expect((error as ProtocolError).message).toMatch(/Invalid or expired requestState/);
      } finally {
        await client.close();
      }
    }, 180_000);

    it('refuses a state past its 10 minutes (-32602); the approval stays pending', async () => {
      const client = await connect(manual());
      try {
        const first = await firstRound(client);
        vi.setSystemTime(Date.now() + 11 * 60_000); // Date only: timers keep running
        const error = await retry(client, first.requestState ?? '').catch((e: unknown) => e);
        expect((error as ProtocolError).code).toBe(-32602);
        expect((error as ProtocolError).message).toMatch(/Invalid or expired requestState/);
        vi.useRealTimers();
        const [, body = ''] = (first.requestState ?? '').split('.');
        const { approvalId } = JSON.parse(Buffer.from(body, 'base64url').toString()).p as { approvalId: string };
        const pending = await seeded.app.approvals?.list('tenant-demo', 'pending');
        expect(pending?.map((p) => p.id)).toContain(approvalId);
      } finally {
        vi.useRealTimers();
        await client.close();
      }
    }, 180_000);

    it('decides once: a replayed retry is a tool error, not a second decision', async () => {
      const client = await connect(manual());
      try {
        const first = await firstRound(client);
        const done = (await retry(client, first.requestState ?? '')) as { structuredContent?: Structured };
        expect(done.structuredContent?.status).toBe('completed');
        const replay = (await retry(client, first.requestState ?? '')) as {
          isError?: boolean;
          content: Array<{ text: string }>;
        };
        expect(replay.isError).toBe(true);
        expect(replay.content[0]?.text).toMatch(/could not be decided: .*already approved/);
      } finally {
        await client.close();
      }
    }, 180_000);

    it("refuses another tenant's state (-32602), and the approval stays pending", async () => {
      const demo = await connect(manual());
      const other = await connect(manual(), 'tenant-other');
      try {
        const first = await firstRound(demo);
        const error = await retry(other, first.requestState ?? '').catch((e: unknown) => e);
        expect((error as ProtocolError).code).toBe(-32602);
        const pending = await seeded.app.approvals?.list('tenant-demo', 'pending');
        const { approvalId } = JSON.parse(
          Buffer.from((first.requestState ?? '').split('.')[1] ?? '', 'base64url').toString(),
        ).p as { approvalId: string };
        expect(pending?.map((p) => p.id)).toContain(approvalId);
      } finally {
        await demo.close();
        await other.close();
      }
    }, 180_000);
  });
});

describe('ventros mcp (stdio) on 2026-07-28', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ventros-mcp-mrtr-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('asks through input-required and continues the run with the answer', async () => {
    const asked: string[] = [];
    const client = supervisorClient(() => ({ action: 'accept', content: { decision: 'approve' } }), asked);
    await client.connect(ventrosStdio(dataDir));
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const result = await client.callTool({ name: 'run_agent', arguments: ESCALATE }, { timeout: 120_000 });
      expect(asked).toHaveLength(1);
      const structured = result.structuredContent as Structured;
      expect(structured.status).toBe('completed');
      expect(structured.tool_calls.at(-1)).toMatchObject({ tool_name: 'escalate_to_supervisor', is_error: false });
    } finally {
      await client.close();
    }
  }, 180_000);
});
