import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxMetrics } from '../../../src/bridge/metrics/index.js';
import {
  type DlqAlertResult,
  dlqWebhook,
  type OutboxMessage,
  OutboxPublisher,
  openOutboxStore,
  outboxPublisherSettings,
  SqliteOutboxStore,
} from '../../../src/bridge/outbox/index.js';
import { loadEnv } from '../../../src/shared/index.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-dlq-alert-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function receiver(): Promise<WebhookReceiver> {
  const hook = await startWebhookReceiver();
  cleanups.push(() => hook.close());
  return hook;
}

const row = (id: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
  id,
  tenantId: 'tenant-a',
  eventType: 'message.outbound',
  exchange: 'ventros.events',
  routingKey: 'message.outbound',
  body: '{}',
  status: 'failed',
  retryCount: 3,
  maxRetries: 3,
  createdAt: 0,
  nextAttemptAt: 0,
  ...overrides,
});

describe('outbox retries (the seed: 3 retries at 2, 4, 8 s)', () => {
  it('by default waits 2, 4 and 8 s (less jitter) between retries, then marks the row failed and calls onFailed once', async () => {
    let now = 1_000_000;
    const store = new SqliteOutboxStore({ path: join(tempDir(), 'outbox.db'), now: () => now });
    cleanups.push(() => store.close());
    const failed: Array<{ id: string; retryCount: number }> = [];
    const publisher = new OutboxPublisher({
      store,
      publish: async () => {
        throw new Error('connection closed');
      },
      classify: () => 'connection_error',
      onFailed: (r) => {
        failed.push({ id: r.id, retryCount: r.retryCount });
      },
      now: () => now,
    });
    await store.commitHandled(
      { eventId: 'e-1', tenantId: 'tenant-a', messageId: 'm-1' },
      { id: 'o-1', tenantId: 'tenant-a', eventType: 'message.outbound', exchange: 'x', routingKey: 'k', body: '{}' },
    );
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await publisher.publishDue();
      const pending = await store.get('o-1');
      expect(pending).toMatchObject({ status: 'pending', retryCount: attempt, maxRetries: 3 });
      waits.push((pending?.nextAttemptAt ?? 0) - now);
      now = pending?.nextAttemptAt ?? now; // the scripted clock jumps to the retry: no real wait
    }
    expect(waits[0]).toBeGreaterThanOrEqual(1_600);
    expect(waits[0]).toBeLessThanOrEqual(2_000);
    expect(waits[1]).toBeGreaterThanOrEqual(3_200);
    expect(waits[1]).toBeLessThanOrEqual(4_000);
    expect(waits[2]).toBeGreaterThanOrEqual(6_400);
    expect(waits[2]).toBeLessThanOrEqual(8_000);
    await publisher.publishDue(); // the 4th attempt fails: no retry left
    expect(await store.get('o-1')).toMatchObject({
      status: 'failed',
      retryCount: 3,
      errorType: 'connection_error',
      errorMessage: 'connection closed',
    });
    expect(failed).toEqual([{ id: 'o-1', retryCount: 3 }]);
    now += 60_000;
    expect(await publisher.publishDue()).toBe(0); // a failed row is never claimed again
    expect(failed).toHaveLength(1);
  });

  it('reads VENTROS_OUTBOX_MAX_RETRIES into new rows and VENTROS_OUTBOX_RETRY_BASE_MS into the backoff; refuses bad values', () => {
    const env = loadEnv({
      VENTROS_DATA_DIR: tempDir(),
      VENTROS_OUTBOX_MAX_RETRIES: '5',
      VENTROS_OUTBOX_RETRY_BASE_MS: '25',
    });
    expect(outboxPublisherSettings(env).backoff).toEqual({ baseMs: 25, maxMs: 300_000 });
    expect(outboxPublisherSettings(loadEnv({})).backoff).toEqual({ baseMs: 2_000, maxMs: 300_000 });
    const store = openOutboxStore(env);
    cleanups.push(() => store.close());
    return store
      .commitHandled(
        { eventId: 'e', tenantId: 't', messageId: 'm' },
        { id: 'o', tenantId: 't', eventType: 'message.outbound', exchange: 'x', routingKey: 'k', body: '{}' },
      )
      .then(async () => {
        expect((await store.get('o'))?.maxRetries).toBe(5);
        expect(() => loadEnv({ VENTROS_OUTBOX_MAX_RETRIES: 'three' })).toThrow(/VENTROS_OUTBOX_MAX_RETRIES/);
        expect(() => loadEnv({ VENTROS_DLQ_ALERT_WEBHOOK_URL: 'slack' })).toThrow(/VENTROS_DLQ_ALERT_WEBHOOK_URL/);
      });
  });
});

describe('DLQ alert webhook (VENTROS_DLQ_ALERT_WEBHOOK_URL)', () => {
  it('POSTs one JSON alert naming the event, id, tenant, error and attempts, and counts it', async () => {
    const hook = await receiver();
    const registry = new Registry();
    const metrics = new OutboxMetrics(registry);
    const { onFailed } = outboxPublisherSettings({ VENTROS_DLQ_ALERT_WEBHOOK_URL: hook.url }, metrics);
    await onFailed?.(row('o-9'), { errorType: 'nacked', errorMessage: 'broker refused' });
    expect(hook.requests).toHaveLength(1);
    expect(hook.requests[0]).toMatchObject({
      method: 'POST',
      path: '/hooks/s3cret',
      headers: { 'content-type': 'application/json' },
      body: {
        alert: 'outbox.failed',
        id: 'o-9',
        event_type: 'message.outbound',
        tenant_id: 'tenant-a',
        error_type: 'nacked',
        error: 'broker refused',
        attempts: 4,
        max_retries: 3,
        destination: { exchange: 'ventros.events', routing_key: 'message.outbound' },
      },
    });
    const page = await registry.metrics();
    expect(page).toMatch(/^ventros_outbox_failed_total\{event_type="message.outbound"\} 1$/m);
    expect(page).toMatch(/^ventros_dlq_alerts_total\{result="sent"\} 1$/m);
  });

  it('gives up on a webhook that errors or hangs after one try within its deadline, and drops alerts beyond the in-flight bound', async () => {
    const hook = await receiver();
    const results: DlqAlertResult[] = [];
    hook.answer(500);
    const logged: string[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void logged.push(line) });
    const alert = dlqWebhook({ url: hook.url, timeoutMs: 200, maxInFlight: 2, onResult: (r) => results.push(r), log });
    await alert(row('a'), { errorType: 'nacked', errorMessage: 'x' });
    expect(results).toEqual(['failed']);
    expect(hook.requests).toHaveLength(1); // no retry
    hook.answer('hang');
    await Promise.all([
      alert(row('b'), { errorType: 'nacked', errorMessage: 'x' }),
      alert(row('c'), { errorType: 'nacked', errorMessage: 'x' }),
      alert(row('d'), { errorType: 'nacked', errorMessage: 'x' }),
    ]);
    expect(results.slice(1).sort()).toEqual(['dropped', 'failed', 'failed']);
    expect(hook.requests.map((r) => (r.body as { id: string }).id).sort()).toEqual(['a', 'b', 'c']);
    // Every outcome logged, the webhook's URL (its secret) never.
    expect(logged).toHaveLength(4);
    expect(logged.join('\n')).not.toMatch(/s3cret|127\.0\.0\.1/);
  });
});
