import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ENDED_QUEUE, sessionEndedKey } from '../../src/agents/application/session-end/index.js';
import { startWorkflowEventConsumer } from '../../src/bridge/amqp/index.js';
import { freshVhost, type TestVhost } from '../support/rabbitmq-vhost.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';

const TENANT = 'tenant-demo';
const CONTACT = 'contact-carlos';

/** Resolves once `check` holds, polling; the test's own timeout bounds it (no timed assertion). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Session summaries stored for `sessionId` (the local add_session writes one per session, once). */
function summariesOf(seeded: SeededApp, sessionId: string) {
  return seeded.app.deps.store.memories
    .listRecent(TENANT, { contactId: CONTACT, types: ['session_summary'] }, 200)
    .filter((m) => m.content.includes(`Session ${sessionId} `));
}

describe('add_session when a conversation the host answered ends (no durable workflows)', () => {
  let vhost: TestVhost;
  let seeded: SeededApp;
  beforeAll(async () => {
    vhost = await freshVhost('ventros-session-end');
    seeded = await createSeededApp({ sessionIdleMs: 0 });
  }, 120_000);
  afterAll(async () => {
    await seeded?.close();
    await vhost?.drop();
  });

  const converse = (sessionId: string) =>
    seeded.app.execute({
      agent: 'retention_churn',
      message: 'Quero cancelar, está caro demais',
      tenantId: TENANT,
      contactId: CONTACT,
      sessionId,
      audience: 'customer',
    });

  it('adds the session once on session.ended from the bus, and a redelivered event adds nothing', async () => {
    const result = await converse('sess-ended-1');
    expect(result.response.length).toBeGreaterThan(0);
    expect(seeded.app.sessionEnds.stats().open).toBe(1);
    expect(summariesOf(seeded, 'sess-ended-1')).toHaveLength(0); // nothing before the end

    // The same wiring `ventros serve` starts when no workflows consume session.ended.
    const consumer = await startWorkflowEventConsumer({
      url: vhost.url,
      queue: { name: SESSION_ENDED_QUEUE, routingKeys: ['session.ended'] },
      handle: async (event) => seeded.app.sessionEnds.end(sessionEndedKey(event), 'event'),
    });
    const connection = await connect(vhost.url);
    try {
      const channel = await connection.createChannel();
      const event = (id: string) => ({
        event_id: id,
        event_type: 'session.ended',
        occurred_at: new Date().toISOString(),
        tenant_id: TENANT,
        payload: { session_id: 'sess-ended-1', contact_id: CONTACT },
      });
      for (const id of ['evt-1', 'evt-1-redelivered']) {
        channel.publish('ventros.events', 'session.ended', Buffer.from(JSON.stringify(event(id))), {
          contentType: 'application/json',
        });
      }
      await until(() => consumer.stats().handled === 2);
      await seeded.app.sessionEnds.drain();
    } finally {
      await connection.close();
      await consumer.close();
    }
    const summaries = summariesOf(seeded, 'sess-ended-1');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.content).toMatch(/cancelar/i);
    expect(seeded.app.sessionEnds.stats()).toMatchObject({ open: 0, added: 1, duplicates: 1, failed: 0 });
  }, 60_000);

  it('does not track staff runs, which are not customer conversations', async () => {
    await seeded.app.execute({
      agent: 'retention_churn',
      message: 'Resumo do Carlos',
      tenantId: TENANT,
      contactId: CONTACT,
    });
    expect(seeded.app.sessionEnds.stats().open).toBe(0);
  });
});

describe('add_session when a conversation goes quiet', () => {
  it('adds the session after the idle time, once, without any event', async () => {
    const seeded = await createSeededApp({ sessionIdleMs: 50 });
    try {
      await seeded.app.execute({
        agent: 'retention_churn',
        message: 'O preço subiu, quero cancelar',
        tenantId: TENANT,
        contactId: CONTACT,
        sessionId: 'sess-idle-1',
        audience: 'customer',
      });
      await until(() => seeded.app.sessionEnds.stats().added === 1);
      await seeded.app.sessionEnds.drain();
      expect(summariesOf(seeded, 'sess-idle-1')).toHaveLength(1);
      expect(seeded.app.sessionEnds.stats()).toMatchObject({ open: 0, added: 1, failed: 0 });
    } finally {
      await seeded.close();
    }
  }, 60_000);
});
