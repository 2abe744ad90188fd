import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, type Client as GrpcClient, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTenantLimits, UsageLedger } from '../../src/agents/usage/index.js';
import { type AmqpBridge, startAmqpBridge } from '../../src/bridge/amqp/index.js';
import {
  createAppMetrics,
  createHttpApp,
  type GrpcBridge,
  parseApiTokens,
  startGrpcBridge,
} from '../../src/bridge/index.js';
import { serviceConstructor } from '../../src/shared/grpc/proto-loader.js';
import { freshVhost, type TestVhost } from '../support/rabbitmq-vhost.js';
import { ScriptedModel } from '../support/scripted-model.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';
import { BrokerProbe, eventually, inboundEvent } from './amqp/amqp-helpers.js';

type Unary = (request: unknown, metadata: Metadata, cb: (e: ServiceError | null, r: unknown) => void) => void;

let clock = Date.UTC(2026, 11, 4, 12, 0, 0);
const limits = loadTenantLimits(
  JSON.stringify({
    default: { requests_per_minute: 1 },
    tenants: { 'tenant-acme': { tokens_per_day: 1000 }, 'tenant-rich': {} },
  }),
);
let ledger: UsageLedger;
let seeded: SeededApp;

beforeAll(async () => {
  ledger = new UsageLedger(limits, { now: () => clock });
  // Every answer costs 600 tokens, so tenant-acme's second run finds its 1000 tokens spent.
  const model = new ScriptedModel(() => ({ text: 'Olá!', usage: { inputTokens: 500, outputTokens: 100 } }));
  seeded = await createSeededApp({ model, usage: ledger });
}, 60_000);

afterAll(async () => {
  await seeded?.close();
});

const message = (tenant: string) => ({ message: 'Oi, tudo bem?', tenant_id: tenant, contact_id: 'contact-carlos' });

describe('per-tenant limits over HTTP', () => {
  it('answers 429 with Retry-After past requests per minute, and again once the minute passed', async () => {
    const metrics = createAppMetrics();
    ledger.onRefused = (tenantId, limit) => metrics.agents.limitRefusals.inc({ tenant_id: tenantId, limit });
    const http = createHttpApp({
      app: seeded.app,
      metrics: metrics.http,
      apiTokens: new Map(),
      defaultTenantId: 'tenant-demo',
      usage: ledger,
    });
    const post = () =>
      http.request('/api/agents/sdr/execute', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message('tenant-demo')),
      });
    expect((await post()).status).toBe(200);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(60);
    expect(await refused.json()).toMatchObject({
      error: { code: 'rate_limited', details: { limit: 'requests_per_minute' } },
    });
    clock += 61_000;
    expect((await post()).status).toBe(200);
    expect(await metrics.registry.metrics()).toMatch(
      /^ventros_tenant_limit_refusals_total\{tenant_id="tenant-demo",limit="requests_per_minute"\} 1$/m,
    );
  });

  it('refuses the model call once the day’s tokens are spent, until the next UTC day', async () => {
    const run = () => seeded.app.execute({ agent: 'sdr', message: 'Oi', tenantId: 'tenant-acme' });
    await run(); // 600 tokens
    clock += 61_000;
    await run(); // 1200: over, but admitted before the call
    clock += 61_000;
    await expect(run()).rejects.toMatchObject({ code: 'rate_limited', details: { limit: 'tokens_per_day' } });
    const [usage] = ledger.usage('tenant-acme');
    expect(usage).toMatchObject({ tokens_today: 1200, refused_today: 1, limits: { tokens_per_day: 1000 } });
    clock += 86_400_000;
    await expect(run()).resolves.toMatchObject({ response: 'Olá!' });
  });

  it('shows usage to staff at GET /api/usage: a token sees its own tenant, a customer token none', async () => {
    const http = createHttpApp({
      app: seeded.app,
      metrics: createAppMetrics().http,
      apiTokens: parseApiTokens('staff-acme:tenant-acme:staff,widget:tenant-acme:customer'),
      defaultTenantId: 'tenant-demo',
      usage: ledger,
    });
    const own = await http.request('/api/usage', { headers: { authorization: 'Bearer staff-acme' } });
    expect(own.status).toBe(200);
    const body = (await own.json()) as { tenants: Array<{ tenant_id: string }> };
    expect(body.tenants.map((t) => t.tenant_id)).toEqual(['tenant-acme']);
    const customer = await http.request('/api/usage', { headers: { authorization: 'Bearer widget' } });
    expect(customer.status).toBe(403);
  });
});

describe('per-tenant limits over gRPC', () => {
  let bridge: GrpcBridge;
  let client: GrpcClient & Record<string, Unary>;

  beforeAll(async () => {
    bridge = await startGrpcBridge({
      app: seeded.app,
      port: 0,
      host: '127.0.0.1',
      defaultTenantId: 'tenant-grpc',
      apiTokens: new Map(),
    });
    const AgentService = serviceConstructor('agent.proto', 'ventros.agents.AgentService');
    client = new AgentService(`127.0.0.1:${bridge.port}`, credentials.createInsecure()) as unknown as typeof client;
  });
  afterAll(async () => {
    client?.close();
    await bridge?.close();
  });

  it('answers RESOURCE_EXHAUSTED past requests per minute', async () => {
    const execute = () =>
      new Promise<unknown>((resolve, reject) =>
        client.ExecuteAgent?.call(
          client,
          { agent_type: 'sdr', message: 'Oi', tenant_id: 'tenant-grpc' },
          new Metadata(),
          (error, response) => (error ? reject(error) : resolve(response)),
        ),
      );
    clock += 61_000;
    await execute();
    await expect(execute()).rejects.toMatchObject({ code: status.RESOURCE_EXHAUSTED });
  });
});

describe.sequential('per-tenant limits over RabbitMQ', () => {
  let probe: BrokerProbe;
  let bridge: AmqpBridge | undefined;
  let dataDir: string;
  // Its own vhost: the bridge's fixed queues would take amqp-bridge.test.ts's messages, run alongside.
  let vhost: TestVhost;

  beforeAll(async () => {
    vhost = await freshVhost('ventros-limits');
    probe = await BrokerProbe.open(vhost.url);
    await probe.resetQueues();
    dataDir = mkdtempSync(join(tmpdir(), 'ventros-limits-amqp-'));
  });
  afterAll(async () => {
    await bridge?.close();
    await probe?.resetQueues().catch(() => undefined);
    await probe?.close();
    await vhost?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts a delivery over the limit back on the queue and answers it later, never dead-lettering it', async () => {
    clock += 61_000;
    bridge = await startAmqpBridge({
      url: vhost.url,
      app: seeded.app,
      dataDir,
      maxDeferMs: 100,
      publisher: { pollIntervalMs: 20, backoff: { baseMs: 20, maxMs: 100 } },
    });
    const first = inboundEvent({ text: 'Oi', tenantId: 'tenant-demo' });
    const second = inboundEvent({ text: 'Oi de novo', tenantId: 'tenant-demo' });
    probe.publish(first);
    await eventually(() => probe.outbound.length === 1, 'the first answer');
    probe.publish(second);
    // Refused (one request a minute): deferred and republished, more than once.
    const before = refusedFor('tenant-demo');
    await eventually(() => refusedFor('tenant-demo') >= before + 2, 'two refusals');
    expect(probe.outbound).toHaveLength(1);
    clock += 61_000;
    await eventually(() => probe.outbound.length === 2, 'the deferred answer');
    expect(bridge.stats().deadLettered).toBe(0);
    expect(await probe.drainDlq()).toEqual([]);
  }, 60_000);
});

function refusedFor(tenant: string): number {
  return ledger.usage(tenant)[0]?.refused_today ?? 0;
}
