import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/agents/durable-workflows/index.js';
import {
  buildWorkflowOutboundEvent,
  MessageOutboundEventSchema,
  queueWorkflowOutbound,
  workflowOutboundId,
} from '../../../src/bridge/amqp/index.js';
import { SqliteOutboxStore } from '../../../src/bridge/outbox/index.js';

const message: OutboundMessage = {
  tenantId: 'tenant-demo',
  contactId: 'lead-1',
  text: 'Olá! Seja bem-vindo.',
  agentId: 'sales_prospecting',
  source: 'sequence',
  sessionId: 'lead-nurturing-lead-1@tenant-demo',
  metadata: {
    workflow: 'lead_nurturing',
    agent_category: 'sales',
    reason: 'welcome',
    workflow_id: 'lead-nurturing-lead-1@tenant-demo',
    step: 'send_welcome',
  },
};
const KEY = 'lead-nurturing-lead-1@tenant-demo/3:send_welcome';

describe('workflow messages on message.outbound', () => {
  it('are valid message.outbound events with the seed source, the workflow in metadata and no in_reply_to', () => {
    const event = buildWorkflowOutboundEvent(message, workflowOutboundId(KEY));
    expect(MessageOutboundEventSchema.parse(event)).toEqual(event);
    expect(event.payload).toEqual({
      contact_id: 'lead-1',
      session_id: 'lead-nurturing-lead-1@tenant-demo',
      tenant_id: 'tenant-demo',
      text: 'Olá! Seja bem-vindo.',
      agent_id: 'sales_prospecting',
      source: 'sequence',
      metadata: message.metadata,
    });
  });

  it('keep the answer contract: an answer still needs source bot, in_reply_to, intent and confidence', () => {
    const answer = {
      event_id: 'e-1',
      event_type: 'message.outbound',
      occurred_at: new Date().toISOString(),
      tenant_id: 'tenant-demo',
      payload: {
        contact_id: 'c',
        session_id: 's',
        tenant_id: 'tenant-demo',
        text: 'oi',
        agent_id: 'retention_churn',
        source: 'bot',
        in_reply_to: 'msg-1',
        metadata: { agent_category: 'retention', intent: 'cancel', confidence: 0.9 },
      },
    };
    expect(MessageOutboundEventSchema.safeParse(answer).success).toBe(true);
    const { in_reply_to: _dropped, ...withoutReplyTo } = answer.payload;
    expect(MessageOutboundEventSchema.safeParse({ ...answer, payload: withoutReplyTo }).success).toBe(false);
    // A workflow source cannot pass for an answer, nor an answer for a workflow message.
    expect(
      MessageOutboundEventSchema.safeParse({ ...answer, payload: { ...answer.payload, source: 'sequence' } }).success,
    ).toBe(false);
    const event = buildWorkflowOutboundEvent(message, 'e-2');
    expect(
      MessageOutboundEventSchema.safeParse({ ...event, payload: { ...event.payload, in_reply_to: 'msg-1' } }).success,
    ).toBe(false);
  });

  it('refuse a workflow message that does not name its workflow', () => {
    const { workflow_id: _dropped, ...metadata } = message.metadata;
    expect(() => buildWorkflowOutboundEvent({ ...message, metadata }, 'e-3')).toThrow(/workflow_id/);
  });

  it('are queued once per step key, with an id derived from the key, however often the step runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ventros-wf-outbox-'));
    const store = new SqliteOutboxStore({ path: join(dir, 'outbox.db') });
    try {
      const first = await queueWorkflowOutbound(store, message, KEY);
      const again = await queueWorkflowOutbound(store, message, KEY);
      const other = await queueWorkflowOutbound(store, message, `${KEY}-2`);
      expect(first).toEqual({ id: workflowOutboundId(KEY), queued: true });
      expect(again).toEqual({ id: first.id, queued: false });
      expect(other.id).not.toBe(first.id);
      const pending = await store.list('pending', 10);
      expect(pending.map((row) => row.id)).toEqual([first.id, other.id]);
      expect(pending[0]).toMatchObject({ routingKey: 'message.outbound', eventType: 'message.outbound' });
      expect(MessageOutboundEventSchema.parse(JSON.parse(pending[0]?.body ?? '')).event_id).toBe(first.id);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
