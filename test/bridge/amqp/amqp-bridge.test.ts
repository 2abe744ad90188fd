import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentApplication } from '../../../src/agents/application/index.js';
import {
  type AmqpBridge,
  type AmqpBridgeOptions,
  DEAD_LETTER_QUEUE,
  DLQ_HEADERS,
  DlqInspector,
  startAmqpBridge,
  WORK_QUEUE,
} from '../../../src/bridge/amqp/index.js';
import { OutboxMetrics } from '../../../src/bridge/metrics/index.js';
import {
  OutboxPublisher,
  outboxPublisherSettings,
  PgOutboxStore,
  SqliteOutboxStore,
} from '../../../src/bridge/outbox/index.js';
import { DeadlineExceededError, InvalidInputError, VentrosError } from '../../../src/shared/index.js';
import { freshSchema } from '../../support/postgres.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { startWebhookReceiver } from '../../support/webhook-receiver.js';
import { BrokerProbe, eventually, flakyApp, inboundEvent, RABBITMQ_URL } from './amqp-helpers.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');

let seeded: SeededApp;
let probe: BrokerProbe;
let dataDir: string;
const bridges: AmqpBridge[] = [];

const FAST = {
  retry: { maxAttempts: 3, baseMs: 5, maxMs: 20 },
  publisher: { pollIntervalMs: 20, backoff: { baseMs: 20, maxMs: 100 } },
} satisfies Partial<AmqpBridgeOptions>;

async function start(app: AgentApplication = seeded.app, extra: Partial<AmqpBridgeOptions> = {}): Promise<AmqpBridge> {
  const bridge = await startAmqpBridge({ url: RABBITMQ_URL, app, dataDir, ...FAST, ...extra });
  bridges.push(bridge);
  return bridge;
}

beforeAll(async () => {
  seeded = await createSeededApp();
  probe = await BrokerProbe.open();
});

afterAll(async () => {
  await probe?.resetQueues().catch(() => undefined);
  await probe?.close();
  await seeded?.close();
});

beforeEach(async () => {
  await probe.resetQueues();
  dataDir = mkdtempSync(join(tmpdir(), 'ventros-amqp-'));
});

afterEach(async () => {
  await Promise.all(bridges.splice(0).map((b) => b.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe.sequential('RabbitMQ bridge', () => {
  it('answers a message.received with a message.outbound published from the outbox', async () => {
    const bridge = await start();
    const event = inboundEvent({ text: 'Quero cancelar, está muito caro' });
    probe.publish(event);

    const [answer] = await eventually(() => probe.outbound.length === 1 && probe.outbound, 'the outbound answer');
    expect(answer).toMatchObject({
      event_type: 'message.outbound',
      tenant_id: 'tenant-demo',
      payload: {
        contact_id: 'contact-carlos',
        session_id: event.payload.session_id,
        tenant_id: 'tenant-demo',
        source: 'bot',
        in_reply_to: event.payload.message_id,
      },
    });
    expect(answer?.payload.text.length).toBeGreaterThan(0);
    expect(answer?.payload.agent_id).toBeTruthy();
    expect(answer?.payload.metadata.agent_category).toBeTruthy();
    const row = await eventually(async () => {
      const r = await bridge.outbox.get(answer?.event_id ?? '');
      return r?.status === 'published' && r;
    }, 'the row marked published');
    expect(row.publishedAt).toBeGreaterThan(0);
    expect(bridge.stats()).toMatchObject({ answered: 1, deadLettered: 0 });
  });

  it('keeps its inbox and outbox in PostgreSQL when given DATABASE_URL, answering once per event', async () => {
    const schema = await freshSchema('amqp');
    try {
      const bridge = await start(seeded.app, { databaseUrl: schema.url });
      expect(bridge.outbox).toBeInstanceOf(PgOutboxStore);
      const event = inboundEvent({ text: 'Qual o status do meu pedido?' });
      probe.publish(event);
      probe.publish(event); // a redelivery of the same event
      const [answer] = await eventually(() => probe.outbound.length === 1 && probe.outbound, 'the outbound answer');
      await eventually(
        async () => (await bridge.outbox.get(answer?.event_id ?? ''))?.status === 'published',
        'published',
      );
      await eventually(() => bridge.stats().duplicates === 1, 'the redelivery acked as a duplicate');
      const { rows } = await schema.query('SELECT status FROM outbox_messages');
      expect(rows).toEqual([{ status: 'published' }]);
      expect(probe.outbound).toHaveLength(1);
    } finally {
      await Promise.all(bridges.splice(0).map((b) => b.close()));
      await schema.drop();
    }
  });

  it('does not answer messages the business sent itself (from_me)', async () => {
    const app = flakyApp(seeded.app, () => undefined);
    const bridge = await start(app);
    probe.publish(inboundEvent({ fromMe: true, text: 'Olá, aqui é a loja' }));
    const real = inboundEvent({ text: 'Qual o status do meu pedido?' });
    probe.publish(real);
    await eventually(() => bridge.stats().answered === 1 && probe.outbound.length === 1, 'one answer');
    expect(bridge.stats()).toMatchObject({ fromMe: 1, answered: 1 });
    expect(app.calls.map((c) => c.message)).toEqual(['Qual o status do meu pedido?']);
    // A customer's own message: customer-facing agents, the sender's own data.
    expect(app.calls.map((c) => c.audience)).toEqual(['customer']);
    expect(probe.outbound.map((o) => o.payload.in_reply_to)).toEqual([real.payload.message_id]);
  });

  it('sends invalid JSON and invalid events straight to the DLQ with the reason, and keeps consuming', async () => {
    const bridge = await start();
    probe.publish('{not json');
    probe.publish({ event_id: 'e-1', event_type: 'message.received', payload: { text: 'no ids' } });
    probe.publish(inboundEvent({ text: 'Quero cancelar' }));

    await eventually(async () => (await probe.queueStats(DEAD_LETTER_QUEUE)).messageCount === 2, 'two dead letters');
    await eventually(() => probe.outbound.length === 1, 'the valid message answered');
    const dead = await probe.drainDlq();
    const byType = Object.fromEntries(dead.map((m) => [m.properties.headers?.[DLQ_HEADERS.errorType], m]));
    expect(Object.keys(byType).sort()).toEqual(['invalid_json', 'invalid_schema']);
    expect(String(byType['invalid_json']?.properties.headers?.[DLQ_HEADERS.error])).toMatch(/not JSON/);
    expect(String(byType['invalid_schema']?.properties.headers?.[DLQ_HEADERS.error])).toMatch(/tenant_id/);
    expect(byType['invalid_json']?.content.toString()).toBe('{not json');
    expect((await probe.queueStats(WORK_QUEUE)).messageCount).toBe(0);
    expect(bridge.stats().deadLettered).toBe(2);
  });

  it('answers a redelivered or re-sent message only once (inbox by event_id and message_id)', async () => {
    const app = flakyApp(seeded.app, () => undefined);
    const bridge = await start(app);
    const event = inboundEvent({ text: 'Quero cancelar' });
    probe.publish(event);
    await eventually(() => probe.outbound.length === 1, 'the first answer');
    probe.publish(event); // the same delivery again (e.g. redelivered after a lost ack)
    probe.publish({ ...event, event_id: randomUUID() }); // the CRM re-sent the same message
    await eventually(() => bridge.stats().duplicates === 2, 'both duplicates acked');
    expect(app.calls).toHaveLength(1);
    expect(probe.outbound).toHaveLength(1);
  });

  it('retries a transient failure with backoff and then answers', async () => {
    const app = flakyApp(seeded.app, (call) =>
      call === 1 ? new VentrosError('unavailable', 'model answered 503') : undefined,
    );
    const bridge = await start(app);
    probe.publish(inboundEvent());
    await eventually(() => probe.outbound.length === 1, 'the answer after a retry');
    expect(app.calls).toHaveLength(2);
    expect(bridge.stats()).toMatchObject({ answered: 1, deadLettered: 0 });
  });

  it('dead-letters after exhausting retries, and at once on a permanent failure', async () => {
    const app = flakyApp(seeded.app, (_call, request) =>
      request.message.includes('lento')
        ? new DeadlineExceededError('deadline of 30000 ms exceeded')
        : new InvalidInputError('message too strange'),
    );
    await start(app);
    probe.publish(inboundEvent({ text: 'isso está lento', contactId: 'contact-ana' }));
    probe.publish(inboundEvent({ text: 'estranho', contactId: 'contact-beatriz' }));
    await eventually(async () => (await probe.queueStats(DEAD_LETTER_QUEUE)).messageCount === 2, 'two dead letters');
    expect(app.calls.filter((c) => c.message.includes('lento'))).toHaveLength(3);
    expect(app.calls.filter((c) => c.message === 'estranho')).toHaveLength(1);
    const dead = await probe.drainDlq();
    const headers = dead.map((m) => m.properties.headers ?? {});
    expect(headers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ [DLQ_HEADERS.errorType]: 'timeout_error', [DLQ_HEADERS.attempts]: 3 }),
        expect.objectContaining({ [DLQ_HEADERS.errorType]: 'invalid_input', [DLQ_HEADERS.attempts]: 1 }),
      ]),
    );
    expect(probe.outbound).toHaveLength(0);
  });

  it('runs one contact in order and different contacts concurrently', async () => {
    const active = new Map<string, number>();
    let maxPerContact = 0;
    let maxOverall = 0;
    const order: string[] = [];
    const slow: AgentApplication = {
      ...seeded.app,
      execute: async (request) => {
        const contact = request.contactId ?? '';
        active.set(contact, (active.get(contact) ?? 0) + 1);
        maxPerContact = Math.max(maxPerContact, active.get(contact) ?? 0);
        maxOverall = Math.max(
          maxOverall,
          [...active.values()].reduce((a, b) => a + b, 0),
        );
        order.push(`${contact}:${request.message}`);
        await new Promise((r) => setTimeout(r, 60));
        active.set(contact, (active.get(contact) ?? 1) - 1);
        return seeded.app.execute(request);
      },
      agents: () => seeded.app.agents(),
      templates: () => seeded.app.templates(),
      stream: (r) => seeded.app.stream(r),
    };
    await start(slow);
    for (const n of [1, 2, 3]) probe.publish(inboundEvent({ contactId: 'contact-ana', text: `pedido ${n}` }));
    for (const n of [1, 2]) probe.publish(inboundEvent({ contactId: 'contact-daniel', text: `pedido ${n}` }));
    await eventually(() => probe.outbound.length === 5, 'five answers', 20_000);
    expect(maxPerContact).toBe(1);
    expect(maxOverall).toBeGreaterThan(1);
    expect(order.filter((o) => o.startsWith('contact-ana'))).toEqual([
      'contact-ana:pedido 1',
      'contact-ana:pedido 2',
      'contact-ana:pedido 3',
    ]);
  });

  it('publishes outbox rows written while no publisher ran (crash or broker down after the commit)', async () => {
    const store = new SqliteOutboxStore({ path: join(dataDir, 'outbox.db') });
    const id = randomUUID();
    const body = JSON.stringify({
      event_id: id,
      event_type: 'message.outbound',
      occurred_at: new Date().toISOString(),
      tenant_id: 'tenant-demo',
      payload: {
        contact_id: 'contact-ana',
        session_id: 's-1',
        tenant_id: 'tenant-demo',
        text: 'Olá Ana',
        agent_id: 'support_ticket',
        source: 'bot',
        in_reply_to: 'msg-1',
        metadata: { agent_category: 'support', intent: 'greeting', confidence: 0.9 },
      },
    });
    const key = { eventId: randomUUID(), tenantId: 'tenant-demo', messageId: 'msg-1' };
    const outbound = { id, tenantId: 'tenant-demo', eventType: 'message.outbound', exchange: 'ventros.events' };
    expect(await store.commitHandled(key, { ...outbound, routingKey: 'message.outbound', body })).toBe(true);
    expect((await store.get(id))?.status).toBe('pending');
    await store.close();

    const bridge = await start();
    await eventually(() => probe.outbound.length === 1, 'the stored row published');
    expect(probe.outbound[0]?.event_id).toBe(id);
    await eventually(async () => (await bridge.outbox.get(id))?.status === 'published', 'row marked published');
  });

  it('keeps a row whose publish the broker refuses, retries it, then marks it failed, alerts the webhook once and counts it; the bridge recovers', async () => {
    const hook = await startWebhookReceiver();
    const registry = new Registry();
    const settings = outboxPublisherSettings(
      { VENTROS_OUTBOX_RETRY_BASE_MS: 20, VENTROS_DLQ_ALERT_WEBHOOK_URL: hook.url },
      new OutboxMetrics(registry),
    );
    const bridge = await start(seeded.app, { publisher: { pollIntervalMs: 20, ...settings } });
    const id = randomUUID();
    // An exchange that does not exist: the broker closes the publish channel (404) instead of confirming.
    await bridge.outbox.commitHandled(
      { eventId: randomUUID(), tenantId: 'tenant-demo', messageId: 'msg-x' },
      {
        id,
        tenantId: 'tenant-demo',
        eventType: 'message.outbound',
        exchange: 'ventros.no-such-exchange',
        routingKey: 'message.outbound',
        body: '{}',
        maxRetries: 1,
      },
    );
    bridge.publisher.notify();
    const row = await eventually(async () => {
      const r = await bridge.outbox.get(id);
      return r?.status === 'failed' && r;
    }, 'the row failed');
    expect(row.retryCount).toBe(1);
    expect(row.maxRetries).toBe(1);
    expect(row.errorType).toBe('connection_error');
    expect(row.errorMessage).toMatch(/no-such-exchange/);
    await eventually(() => hook.requests.length === 1, 'the DLQ alert');
    expect(hook.requests[0]?.body).toMatchObject({
      alert: 'outbox.failed',
      id,
      event_type: 'message.outbound',
      tenant_id: 'tenant-demo',
      error_type: 'connection_error',
      attempts: 2,
      max_retries: 1,
    });
    expect(await bridge.outbox.stats()).toMatchObject({ dlq: 1 });
    await eventually(
      async () => /^ventros_dlq_alerts_total\{result="sent"\} 1$/m.test(await registry.metrics()),
      'the alert counted',
    );
    expect(await registry.metrics()).toMatch(/^ventros_outbox_failed_total\{event_type="message.outbound"\} 1$/m);
    await hook.close();

    // The session was rebuilt: a new message is still answered.
    await eventually(() => bridge.connected(), 'reconnected');
    probe.publish(inboundEvent({ text: 'Quero cancelar' }));
    await eventually(() => probe.outbound.length === 1, 'an answer after recovery', 20_000);
  });

  it('lists, analyzes and reprocesses dead letters through `ventros dlq` without losing any', async () => {
    let healthy = false;
    const app = flakyApp(seeded.app, () => (healthy ? undefined : new DeadlineExceededError('model timed out')));
    const bridge = await start(app, { retry: { maxAttempts: 1, baseMs: 1, maxMs: 1 } });
    const slowEvent = inboundEvent({ text: 'Quero cancelar', contactId: 'contact-eduarda' });
    probe.publish(slowEvent);
    probe.publish('garbage');
    await eventually(async () => (await probe.queueStats(DEAD_LETTER_QUEUE)).messageCount === 2, 'two dead letters');
    // An outbox row failed too (the broker refused its publishes earlier): a dead letter.
    const outboxId = randomUUID();
    await bridge.outbox.commitHandled(
      { eventId: randomUUID(), tenantId: 'tenant-demo', messageId: 'msg-o' },
      {
        id: outboxId,
        tenantId: 'tenant-demo',
        eventType: 'message.outbound',
        exchange: 'ventros.events',
        routingKey: 'message.outbound',
        body: JSON.stringify({ event_id: outboxId }),
      },
    );
    await bridge.outbox.markFailed(outboxId, { errorType: 'connection_error', errorMessage: 'connection closed' });

    const env = { ...process.env, RABBITMQ_URL, VENTROS_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const cli = (...args: string[]) =>
      run('node', ['--import', 'tsx', 'src/cli/main.ts', 'dlq', '--json', ...args], {
        cwd: ROOT,
        env,
        timeout: 30_000,
      });

    const listed = JSON.parse((await cli('list')).stdout) as Array<Record<string, unknown>>;
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: slowEvent.event_id,
          source: 'broker',
          errorType: 'timeout_error',
          eventType: 'message.received',
        }),
        expect.objectContaining({ source: 'broker', errorType: 'invalid_json' }),
        expect.objectContaining({ id: outboxId, source: 'outbox', errorType: 'connection_error' }),
      ]),
    );
    expect((await probe.queueStats(DEAD_LETTER_QUEUE)).messageCount).toBe(2); // looking lost nothing

    const analysis = JSON.parse((await cli('analyze')).stdout) as Record<string, unknown>;
    expect(analysis).toMatchObject({
      total: 3,
      bySource: { broker: 2, outbox: 1 },
      errorTypes: { timeout_error: 1, invalid_json: 1, connection_error: 1 },
    });

    healthy = true;
    const reprocessed = JSON.parse((await cli('reprocess', slowEvent.event_id)).stdout) as { reprocessed: unknown[] };
    expect(reprocessed.reprocessed).toHaveLength(1);
    await eventually(
      () => probe.outbound.find((o) => o.payload.in_reply_to === slowEvent.payload.message_id),
      'the reprocessed message answered',
    );
    await eventually(
      async () => (await probe.queueStats(DEAD_LETTER_QUEUE)).messageCount === 1,
      'one dead letter left',
    );

    const all = JSON.parse((await cli('reprocess-all', '--error-type', 'connection_error')).stdout) as {
      reprocessed: Array<{ id: string }>;
    };
    expect(all.reprocessed.map((r) => r.id)).toEqual([outboxId]);
    await eventually(
      async () => (await bridge.outbox.get(outboxId))?.status === 'published',
      'the outbox row republished',
    );
    expect((await probe.queueStats(DEAD_LETTER_QUEUE)).messageCount).toBe(1); // the invalid JSON stays

    await expect(cli('reprocess', 'no-such-id')).rejects.toMatchObject({
      stderr: expect.stringMatching(/no dead letter/),
    });
  }, 90_000);

  it('reports a missing RABBITMQ_URL clearly', async () => {
    const env = { ...process.env, RABBITMQ_URL: '', LOG_LEVEL: 'silent' };
    await expect(
      run('node', ['--import', 'tsx', 'src/cli/main.ts', 'dlq', 'list'], { cwd: ROOT, env, timeout: 30_000 }),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/RABBITMQ_URL is not set/) });
  });

  it('reprocess-all through the functions sends filtered broker dead letters back to their queue', async () => {
    await start(flakyApp(seeded.app, () => new InvalidInputError('bad')));
    probe.publish(inboundEvent({ contactId: 'contact-ana' }));
    probe.publish('{broken');
    await eventually(async () => (await probe.queueStats(DEAD_LETTER_QUEUE)).messageCount === 2, 'two dead letters');
    await Promise.all(bridges.splice(0).map((b) => b.close()));

    const inspector = await DlqInspector.open({ url: RABBITMQ_URL });
    try {
      const back = await inspector.reprocessAll({ errorType: 'invalid_input' });
      expect(back.map((e) => e.errorType)).toEqual(['invalid_input']);
      expect((await probe.queueStats(WORK_QUEUE)).messageCount).toBe(1);
      const left = await inspector.list();
      expect(left.map((e) => e.errorType)).toEqual(['invalid_json']);
    } finally {
      await inspector.close();
    }
  });

  it('closes cleanly: consumer cancelled, channels and connection closed, outbox flushed', async () => {
    const bridge = await start();
    expect((await probe.queueStats(WORK_QUEUE)).consumerCount).toBe(1);
    probe.publish(inboundEvent());
    await eventually(() => bridge.stats().answered === 1, 'answered');
    await bridge.close();
    bridges.splice(0);
    expect(bridge.connected()).toBe(false);
    expect((await probe.queueStats(WORK_QUEUE)).consumerCount).toBe(0);
    await eventually(() => probe.outbound.length === 1, 'the answer flushed before close');
    await bridge.close(); // idempotent
  });

  it('requeues a message whose run outlives the close grace period, so another consumer answers it', async () => {
    let started = 0;
    const stuck: AgentApplication = {
      ...seeded.app,
      execute: (request) =>
        new Promise((_resolve, reject) => {
          started++;
          request.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        }),
      agents: () => seeded.app.agents(),
      templates: () => seeded.app.templates(),
      stream: (r) => seeded.app.stream(r),
    };
    const bridge = await start(stuck, { closeGraceMs: 50 });
    probe.publish(inboundEvent());
    await eventually(() => started === 1, 'the run started');
    await bridge.close();
    expect(bridge.stats()).toMatchObject({ requeued: 1, answered: 0, deadLettered: 0 });
    expect((await probe.queueStats(WORK_QUEUE)).messageCount).toBe(1);

    await start();
    await eventually(() => probe.outbound.length === 1, 'answered by the next consumer');
  });

  it('refuses to start against an unreachable broker with a clear error', async () => {
    await expect(
      startAmqpBridge({ url: 'amqp://guest:secret@127.0.0.1:1', app: seeded.app, dataDir, connectTimeoutMs: 2_000 }),
    ).rejects.toThrow(/cannot connect to RabbitMQ at amqp:\/\/guest:\*\*\*@127\.0\.0\.1:1/);
  });
});

describe('outbox publisher (real SQLite, scripted broker edge)', () => {
  it('retries failed publishes with backoff and marks a row failed once its max_retries are spent', async () => {
    let now = 1_000;
    const store = new SqliteOutboxStore({ path: join(dataDir, 'outbox.db'), now: () => now });
    let failures = 0;
    const publisher = new OutboxPublisher({
      store,
      publish: async () => {
        failures++;
        throw new Error('connection closed');
      },
      classify: () => 'connection_error',
      backoff: { baseMs: 100, maxMs: 1_000 },
      now: () => now,
    });
    const row = {
      id: 'o-1',
      tenantId: 't',
      eventType: 'message.outbound',
      exchange: 'x',
      routingKey: 'k',
      body: '{}',
      maxRetries: 2,
    };
    await store.commitHandled({ eventId: 'e-1', tenantId: 't', messageId: 'm-1' }, row);
    expect(await publisher.publishDue()).toBe(0);
    expect(await store.get('o-1')).toMatchObject({ status: 'pending', retryCount: 1, errorType: 'connection_error' });
    expect(await publisher.publishDue()).toBe(0); // not due yet: backoff
    expect(failures).toBe(1);
    now += 10_000;
    await publisher.publishDue();
    now += 10_000;
    await publisher.publishDue();
    expect(failures).toBe(3);
    expect(await store.get('o-1')).toMatchObject({
      status: 'failed',
      retryCount: 2,
      errorMessage: 'connection closed',
    });
    expect(await store.requeue('o-1', now)).toBe(true);
    expect(await store.get('o-1')).toMatchObject({ status: 'pending', retryCount: 0 });
    await store.close();
  });
});
