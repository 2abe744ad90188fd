import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflowEffects, sessionMessages } from '../../src/cli/app/workflow-effects.js';
import { createHost, type McpHost, parseHostConfig } from '../../src/host/index.js';
import { fixtureStdioEntry } from '../host/helpers.js';

// The tool-call effect over a real host and a real stdio server (the fixture's `whoami` reports the
// trusted `_meta` it received). The agent-run and outbound effects run end to end in workflows-serve.

let host: McpHost;

beforeAll(async () => {
  host = await createHost({
    config: parseHostConfig({ mcpServers: { fx: fixtureStdioEntry('effects') } }, 'test'),
    mode: 'strict',
  });
}, 30_000);

afterAll(async () => {
  await host?.close();
});

describe('workflow effects', () => {
  it("call a tool by its server's bare name with the trusted tenant, contact, session and step key in _meta", async () => {
    const effects = createWorkflowEffects({
      app: { execute: () => Promise.reject(new Error('not used')) },
      host,
      sessions: { load: async () => undefined },
      outbox: undefined as never,
    });
    const outcome = await effects.callTool(
      'whoami',
      { note: 'from a workflow' },
      {
        tenantId: 'tenant-a',
        contactId: 'lead-1',
        sessionId: 'lead-nurturing-lead-1@tenant-a',
        idempotencyKey: 'lead-nurturing-lead-1@tenant-a/12:assign_to_human',
      },
    );
    expect(outcome.isError).toBeUndefined();
    expect(outcome.structured).toMatchObject({
      meta: {
        tenantId: 'tenant-a',
        contactId: 'lead-1',
        sessionId: 'lead-nurturing-lead-1@tenant-a',
        idempotencyKey: 'lead-nurturing-lead-1@tenant-a/12:assign_to_human',
      },
      args: { note: 'from a workflow' },
    });
  });

  it("read a finished session's text turns for memory, leaving tool calls and results out", () => {
    expect(
      sessionMessages([
        { role: 'user', content: [{ type: 'text', text: 'Quero cancelar' }] },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 't1', name: 'retention__get_churn_risk', input: {} }],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', toolUseId: 't1', toolName: 'retention__get_churn_risk', content: '{}' }],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'Posso oferecer 15% por 3 meses.' }] },
      ]),
    ).toEqual([
      { role: 'user', content: 'Quero cancelar' },
      { role: 'assistant', content: 'Posso oferecer 15% por 3 meses.' },
    ]);
  });
});
