import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGoCrm, startFakeGoCrm } from '../../support/fake-go-crm/index.js';
import { callTool, connectStdio, ok, textOf } from '../framework/harness.js';

let fake: FakeGoCrm;
let dir: string;
let retention: Client;
let memory: Client;

beforeAll(async () => {
  fake = await startFakeGoCrm({
    memories: [
      {
        tenant_id: 'tenant-a',
        id: 'a-1',
        contact_id: 'contact-1',
        content: 'Quer cancelar por causa do preço',
        memory_type: 'complaint',
        metadata: {},
        importance: 0.9,
      },
      {
        tenant_id: 'tenant-b',
        id: 'b-1',
        contact_id: 'contact-1',
        content: 'Quer cancelar, outro tenant',
        memory_type: 'complaint',
        metadata: {},
        importance: 0.9,
      },
    ],
  });
  dir = mkdtempSync(join(tmpdir(), 'ventros-proxy-'));
  const env = { VENTROS_DATA_DIR: dir, VENTROS_TENANT_ID: 'tenant-a' };
  [retention, memory] = await Promise.all([
    connectStdio('retention', { ...env, MCP_SERVER_HOST: fake.target }),
    connectStdio('memory', { ...env, MEMORY_SERVICE_GRPC_HOST: fake.target }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([retention?.close(), memory?.close()]);
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CRM tools with MCP_SERVER_HOST set', () => {
  it('forward to the Go ExecuteTool with the trusted tenant, not a model-written one', async () => {
    const result = ok<{ served_by: string; tenant_id: string; contact_id: string; arguments: Record<string, unknown> }>(
      await callTool(
        retention,
        'create_retention_offer',
        { discount_percent: 20, reason: 'reclamou do preço', tenant_id: 'tenant-b' },
        { tenantId: 'tenant-a', contactId: 'contact-1', sessionId: 'session-9' },
      ),
    );
    expect(result).toMatchObject({ served_by: 'fake-go', tenant_id: 'tenant-a', contact_id: 'contact-1' });
    expect(result.arguments).not.toHaveProperty('tenant_id');
    expect(result.arguments).toMatchObject({ discount_percent: 20, duration_months: 3 });
    expect(fake.calls.at(-1)?.request).toMatchObject({
      tool_name: 'create_retention_offer',
      tenant_id: 'tenant-a',
      session_id: 'session-9',
    });
  });

  it("send the call's idempotency key as gRPC metadata x-idempotency-key, and answer a repeat locally", async () => {
    const trusted = { tenantId: 'tenant-a', contactId: 'contact-1', idempotencyKey: 'event-7/retention_churn#2' };
    const args = { discount_percent: 15, reason: 'reclamou do preço' };
    const first = ok(await callTool(retention, 'create_retention_offer', args, trusted));
    const sent = fake.calls.filter((c) => c.idempotencyKey === 'event-7/retention_churn#2');
    expect(sent.map((c) => c.method)).toEqual(['ExecuteTool']);
    expect(ok(await callTool(retention, 'create_retention_offer', args, trusted))).toEqual(first);
    expect(fake.calls.filter((c) => c.idempotencyKey === 'event-7/retention_churn#2')).toHaveLength(1);
    ok(
      await callTool(
        memory,
        'store_memory',
        { content: 'Prefere e-mail.', memory_type: 'preference' },
        { ...trusted, idempotencyKey: 'event-7/retention_churn#3' },
      ),
    );
    expect(fake.calls.at(-1)).toMatchObject({ method: 'StoreMemory', idempotencyKey: 'event-7/retention_churn#3' });
  });

  it('forward the audience, and refuse a customer call naming another contact before calling Go', async () => {
    const customer = { tenantId: 'tenant-a', contactId: 'contact-1', sessionId: 's', audience: 'customer' as const };
    ok(await callTool(retention, 'check_customer_value', {}, customer));
    expect(fake.calls.at(-1)?.request).toMatchObject({ tool_name: 'check_customer_value', audience: 'customer' });
    const before = fake.calls.length;
    const refused = await callTool(retention, 'check_customer_value', { contact_id: 'contact-2' }, customer);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/only that customer’s own data/);
    expect(fake.calls.length).toBe(before);
  });

  it('keep the same tool names and schemas as the local servers', async () => {
    const { tools } = await retention.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'check_customer_value',
        'create_retention_offer',
        'escalate_to_supervisor',
        'get_past_offers',
        'search_similar_churn_cases',
      ].sort(),
    );
  });

  it('turn a Go business error into a tool error the model can read', async () => {
    const result = await callTool(retention, 'create_retention_offer', {
      contact_id: 'contact-1',
      discount_percent: 28,
      reason: 'x y z',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('Go: discount above 25% needs a supervisor for this tenant');
  });

  it('validate arguments locally before calling Go', async () => {
    const before = fake.calls.length;
    const result = await callTool(retention, 'create_retention_offer', {
      contact_id: 'contact-1',
      discount_percent: 'muito',
    });
    expect(result.isError).toBe(true);
    expect(fake.calls.length).toBe(before);
  });

  it('answer an unavailable Go service with a tool error, and recover', async () => {
    fake.failNext('ExecuteTool', 1);
    const down = await callTool(retention, 'get_past_offers', { contact_id: 'contact-1' });
    expect(down.isError).toBe(true);
    expect(textOf(down)).toMatch(/unavailable/);
    const up = await callTool(retention, 'get_past_offers', { contact_id: 'contact-1' });
    expect(up.isError).toBeFalsy();
  });
});

describe('memory tools with MEMORY_SERVICE_GRPC_HOST set', () => {
  it('search the Go memory service within the caller’s tenant', async () => {
    const a = ok<{ memories: Array<{ id: string }> }>(
      await callTool(
        memory,
        'search_memory',
        { query: 'cancelar preço', contact_id: 'contact-1' },
        { tenantId: 'tenant-a' },
      ),
    );
    expect(a.memories.map((m) => m.id)).toEqual(['a-1']);
    const b = ok<{ memories: Array<{ id: string }> }>(
      await callTool(
        memory,
        'search_memory',
        { query: 'cancelar preço', contact_id: 'contact-1' },
        { tenantId: 'tenant-b' },
      ),
    );
    expect(b.memories.map((m) => m.id)).toEqual(['b-1']);
    expect(fake.calls.filter((c) => c.method === 'SearchMemories').map((c) => c.request.tenant_id)).toEqual([
      'tenant-a',
      'tenant-b',
    ]);
  });
});
