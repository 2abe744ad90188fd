import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type McpHost, parseHostConfig } from '../../src/host/index.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';
import { eventually, fixtureStdioEntry } from './helpers.js';

/*
 * A connected server's `elicitation/create` (the fixture's `ask_user`, a real stdio child) reaches a
 * person: with no upstream client it waits in the approvals queue and the approver's answer goes back
 * to the server; with an upstream client (what `ventros mcp` sets) it is forwarded there.
 */
describe("the host forwards its servers' elicitation requests", () => {
  let seeded: SeededApp;
  let host: McpHost;

  beforeAll(async () => {
    seeded = await createSeededApp();
    host = await createHost({
      config: parseHostConfig({ mcpServers: { fx: fixtureStdioEntry('one', { timeout_ms: 60_000 }) } }, 'test'),
      mode: 'strict',
      elicitation: seeded.app.elicitation.handle,
    });
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await seeded?.close();
  });

  it('queues the question when nobody is upstream, and answers with the approver’s decision', async () => {
    const approvals = seeded.app.approvals;
    if (!approvals) throw new Error('no approvals');
    const call = host.callTool('ask_user', {});
    let id = '';
    expect(
      await eventually(async () => {
        const pending = await approvals.list('tenant-demo', 'pending');
        id = pending.find((a) => a.tool === 'elicitation')?.id ?? '';
        return id !== '';
      }, 400),
    ).toBe(true);
    expect(await approvals.get('tenant-demo', id)).toMatchObject({
      reason: 'Your name?',
      arguments: { requested_schema: { properties: { name: { type: 'string' } } } },
    });
    await approvals.decide('tenant-demo', id, { decision: 'approve', arguments: { name: 'Ana' } });
    const result = await call;
    expect(JSON.parse(result.content)).toMatchObject({ action: 'accept', content: { name: 'Ana' } });
  }, 60_000);

  it('forwards to the upstream client when there is one', async () => {
    seeded.app.elicitation.upstream = async (params) => ({
      action: 'accept',
      content: { name: `Bob (${params.message})` },
    });
    try {
      const result = await host.callTool('ask_user', {});
      expect(JSON.parse(result.content)).toMatchObject({ action: 'accept', content: { name: 'Bob (Your name?)' } });
    } finally {
      seeded.app.elicitation.upstream = undefined;
    }
  });
});
