import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTracer } from '../../../src/agents/runtime/index.js';
import { type AmqpBridge, startAmqpBridge } from '../../../src/bridge/amqp/index.js';
import { startTelemetry, type Telemetry } from '../../../src/shared/telemetry/index.js';
import { OtlpReceiver } from '../../shared/telemetry/otlp-receiver.js';
import { freshVhost, type TestVhost } from '../../support/rabbitmq-vhost.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { BrokerProbe, eventually, inboundEvent } from './amqp-helpers.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CRM_SPAN = 'b7ad6b7169203331';

describe.sequential('RabbitMQ keeps the trace', () => {
  const receiver = new OtlpReceiver();
  let telemetry: Telemetry | undefined;
  let seeded: SeededApp;
  let probe: BrokerProbe;
  let dataDir: string;
  let bridge: AmqpBridge | undefined;
  // Its own vhost: the bridge's fixed queues would take amqp-bridge.test.ts's messages, run alongside.
  let vhost: TestVhost;

  beforeAll(async () => {
    const endpoint = await receiver.start();
    telemetry = startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    setTracer(telemetry?.tracer);
    seeded = await createSeededApp();
    vhost = await freshVhost('ventros-amqp-trace');
    probe = await BrokerProbe.open(vhost.url);
    await probe.resetQueues();
    dataDir = mkdtempSync(join(tmpdir(), 'ventros-amqp-trace-'));
  }, 60_000);

  afterAll(async () => {
    await bridge?.close();
    setTracer(undefined);
    await telemetry?.shutdown();
    await receiver.close();
    await probe?.resetQueues().catch(() => undefined);
    await probe?.close();
    await vhost?.drop().catch(() => undefined);
    await seeded?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs message.received under its traceparent header and sends it on message.outbound', async () => {
    bridge = await startAmqpBridge({
      url: vhost.url,
      app: seeded.app,
      dataDir,
      publisher: { pollIntervalMs: 20, backoff: { baseMs: 20, maxMs: 100 } },
    });
    probe.publish(inboundEvent({ text: 'Quero cancelar, está muito caro' }), {
      traceparent: `00-${TRACE_ID}-${CRM_SPAN}-01`,
    });
    const [answer] = await eventually(() => probe.outbound.length === 1 && probe.outbound, 'the outbound answer');
    expect(answer?.payload.text.length).toBeGreaterThan(0);
    expect(probe.outboundHeaders[0]?.traceparent).toBe(`00-${TRACE_ID}-${CRM_SPAN}-01`);
    // The outbox row kept it.
    expect((await bridge.outbox.get(answer?.event_id ?? ''))?.traceparent).toBe(`00-${TRACE_ID}-${CRM_SPAN}-01`);

    await telemetry?.forceFlush();
    const root = receiver.one('invoke_agent auto');
    expect(root.traceId).toBe(TRACE_ID);
    expect(root.parentSpanId).toBe(CRM_SPAN);
    expect(receiver.spans.every((s) => s.traceId === TRACE_ID)).toBe(true);
  }, 60_000);
});
