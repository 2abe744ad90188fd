import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Channel, type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalView } from '../../../src/agents/application/index.js';
import {
  type AmqpBridge,
  APPROVAL_DECIDED_KEY,
  APPROVAL_DECISIONS_QUEUE,
  APPROVAL_REQUESTED_KEY,
  connectApprovalEvents,
  EVENTS_EXCHANGE,
  handleApprovalDecided,
  type MessageOutboundEvent,
  OUTBOUND_ROUTING_KEY,
  startAmqpBridge,
  startWorkflowEventConsumer,
  type WorkflowEventConsumer,
} from '../../../src/bridge/amqp/index.js';
import { SqliteOutboxStore } from '../../../src/bridge/outbox/index.js';
import { freshVhost, type TestVhost } from '../../support/rabbitmq-vhost.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import { eventually, inboundEvent } from './amqp-helpers.js';

/*
 * Gated actions over the real broker (the run's vhost): a customer's angry message (offline model:
 * a severity 9 escalation) pauses; the customer gets the holding answer and `approval.requested` goes
 * out through the outbox; `approval.decided` (delivered twice) resumes the run once, and its answer
 * goes out as `message.outbound` in reply to the customer's message.
 */
describe('approval.requested / approval.decided over RabbitMQ', () => {
  let seeded: SeededApp;
  let dataDir: string;
  let bridge: AmqpBridge;
  let decisions: WorkflowEventConsumer;
  let disconnect: () => void;
  let connection: ChannelModel;
  let channel: Channel;
  const requested: Array<{ tenant_id: string; payload: ApprovalView }> = [];
  const outbound: MessageOutboundEvent[] = [];

  // Its own vhost: the bridge's fixed queues would take amqp-bridge.test.ts's messages, run alongside.
  let vhost: TestVhost;

  beforeAll(async () => {
    vhost = await freshVhost('ventros-approvals');
    seeded = await createSeededApp();
    dataDir = mkdtempSync(join(tmpdir(), 'ventros-approval-amqp-'));
    connection = await connect(vhost.url);
    channel = await connection.createChannel();
    await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, EVENTS_EXCHANGE, APPROVAL_REQUESTED_KEY);
    await channel.bindQueue(queue, EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY);
    await channel.consume(
      queue,
      (m) => {
        if (!m) return;
        const body = JSON.parse(m.content.toString('utf8'));
        if (m.fields.routingKey === APPROVAL_REQUESTED_KEY) requested.push(body);
        else outbound.push(body);
      },
      { noAck: true },
    );
    const approvals = seeded.app.approvals;
    if (!approvals) throw new Error('no approvals');
    bridge = await startAmqpBridge({
      url: vhost.url,
      app: seeded.app,
      outbox: new SqliteOutboxStore({ path: join(dataDir, 'outbox.db') }),
      publisher: { pollIntervalMs: 20, backoff: { baseMs: 20, maxMs: 100 } },
    });
    disconnect = connectApprovalEvents(approvals, bridge.outbox, () => bridge.publisher.notify());
    decisions = await startWorkflowEventConsumer({
      url: vhost.url,
      queue: { name: APPROVAL_DECISIONS_QUEUE, routingKeys: [APPROVAL_DECIDED_KEY] },
      handle: (event) => handleApprovalDecided(event, approvals),
    });
  }, 120_000);
  afterAll(async () => {
    disconnect?.();
    await decisions?.close();
    await bridge?.close();
    await connection?.close();
    await vhost?.drop().catch(() => undefined);
    await seeded?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes the request, consumes the decision once, and answers the customer on the same channel', async () => {
    const inbound = inboundEvent({
      text: 'Isso é um absurdo, vou no Procon e quero cancelar',
      contactId: 'contact-vanessa',
    });
    channel.publish(EVENTS_EXCHANGE, 'message.received', Buffer.from(JSON.stringify(inbound)), { persistent: true });

    const request = await eventually(() => requested[0], 'approval.requested', 60_000);
    expect(request.tenant_id).toBe('tenant-demo');
    expect(request.payload).toMatchObject({
      status: 'pending',
      contact_id: 'contact-vanessa',
      tool: expect.stringMatching(/escalate_to_supervisor$/),
    });
    const holding = await eventually(() => outbound[0], 'the holding answer', 60_000);
    expect(holding.payload.in_reply_to).toBe(inbound.payload.message_id);

    const decided = {
      event_id: 'decision-1',
      event_type: APPROVAL_DECIDED_KEY,
      occurred_at: new Date().toISOString(),
      tenant_id: 'tenant-demo',
      payload: { approval_id: request.payload.id, decision: 'approve', note: 'pode escalar', decided_by: 'crm-ana' },
    };
    for (const eventId of ['decision-1', 'decision-1-redelivered']) {
      channel.publish(
        EVENTS_EXCHANGE,
        APPROVAL_DECIDED_KEY,
        Buffer.from(JSON.stringify({ ...decided, event_id: eventId })),
        {
          persistent: true,
        },
      );
    }
    const answer = await eventually(() => outbound[1], 'the resumed answer', 60_000);
    expect(answer.payload).toMatchObject({ contact_id: 'contact-vanessa', in_reply_to: inbound.payload.message_id });
    expect(answer.payload.text).not.toBe(holding.payload.text);
    await eventually(() => decisions.stats().handled >= 2, 'both decisions handled', 60_000);
    const approval = await seeded.app.approvals?.get('tenant-demo', request.payload.id);
    expect(approval).toMatchObject({ status: 'approved', decided_by: 'crm-ana', resumed_at: expect.any(String) });
    const escalations = seeded.app.deps.store.crm.escalations.listByContact('tenant-demo', 'contact-vanessa');
    expect(escalations.filter((e) => e.reason.includes('Procon'))).toHaveLength(1);
    expect(await bridge.outbox.list('published', 50)).toHaveLength(3);
  }, 180_000);
});
