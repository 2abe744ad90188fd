import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentApplication } from '../../../src/agents/application/index.js';
import {
  type AmqpBridge,
  DEFAULT_AMQP_CONCURRENCY,
  startAmqpBridge,
  WORK_QUEUE,
} from '../../../src/bridge/amqp/index.js';
import { freshVhost, type TestVhost } from '../../support/rabbitmq-vhost.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { BrokerProbe, eventually, inboundEvent } from './amqp-helpers.js';

/**
 * At a real model's pace a run mostly waits on the model, so runs in flight (not CPU) set throughput.
 * These runs are held open until the test lets them go, to count what the bridge keeps in flight.
 */
let vhost: TestVhost;
let seeded: SeededApp;
let probe: BrokerProbe;
let dataDir: string;
let bridge: AmqpBridge | undefined;
let release: () => void = () => undefined;
let gate: Promise<void>;

/** The seeded app, but every run first waits at the gate (like a slow model call). */
function gatedApp(): AgentApplication {
  return {
    ...seeded.app,
    execute: async (request) => {
      await gate;
      return seeded.app.execute(request);
    },
    agents: () => seeded.app.agents(),
    templates: () => seeded.app.templates(),
    stream: (r) => seeded.app.stream(r),
  };
}

beforeAll(async () => {
  vhost = await freshVhost('ventros-inflight');
  seeded = await createSeededApp();
  probe = await BrokerProbe.open(vhost.url);
}, 120_000);

afterAll(async () => {
  await probe?.close();
  await seeded?.close();
  await vhost?.drop();
}, 60_000);

beforeEach(async () => {
  gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  dataDir = mkdtempSync(join(tmpdir(), 'ventros-inflight-'));
  await probe.resetQueues();
});

afterEach(async () => {
  release();
  await bridge?.close();
  bridge = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe.sequential('runs in flight', () => {
  it(`holds ${DEFAULT_AMQP_CONCURRENCY} runs of different contacts in flight by default, not a fixed 8`, async () => {
    bridge = await startAmqpBridge({ url: vhost.url, app: gatedApp(), dataDir });
    const count = DEFAULT_AMQP_CONCURRENCY + 10;
    for (let i = 0; i < count; i++) probe.publish(inboundEvent({ contactId: `inflight-${i}`, text: 'Oi' }));
    await eventually(() => bridge?.stats().running === DEFAULT_AMQP_CONCURRENCY, 'every slot taken', 60_000);
    expect(bridge.stats().running).toBe(DEFAULT_AMQP_CONCURRENCY);
    release();
    await eventually(() => probe.outbound.length === count, 'every answer', 120_000);
    expect(bridge.stats()).toMatchObject({ answered: count, running: 0 });
  }, 240_000);

  it('sizes runs in flight by configuration and lets the broker hold the rest (prefetch follows it)', async () => {
    bridge = await startAmqpBridge({ url: vhost.url, app: gatedApp(), dataDir, concurrency: 3 });
    for (let i = 0; i < 20; i++) probe.publish(inboundEvent({ contactId: `bp-${i}`, text: 'Oi' }));
    await eventually(() => bridge?.stats().running === 3, 'three runs in flight', 60_000);
    // Prefetch 2 × 3: the bridge holds six deliveries (three running, three waiting), the broker the other 14.
    const ready = await eventually(async () => {
      const { messageCount } = await probe.queueStats(WORK_QUEUE);
      return messageCount === 14 && messageCount;
    }, 'fourteen messages still in the queue');
    expect(ready).toBe(14);
    expect(bridge.stats().running).toBe(3);
    release();
    await eventually(() => probe.outbound.length === 20, 'every answer', 120_000);
  }, 240_000);
});
