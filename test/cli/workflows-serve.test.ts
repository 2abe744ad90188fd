import { randomUUID } from 'node:crypto';
import { type Channel, type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRequest } from '../../src/agents/application/index.js';
import type { WorkflowDetail, WorkflowService } from '../../src/agents/durable-workflows/index.js';
import {
  type AmqpBridge,
  DEAD_LETTER_QUEUE,
  DLQ_HEADERS,
  EVENTS_EXCHANGE,
  type MessageOutboundEvent,
  MessageOutboundEventSchema,
  OUTBOUND_ROUTING_KEY,
  startAmqpBridge,
  startWorkflowEventConsumer,
  WORKFLOW_EVENTS_QUEUE,
  type WorkflowEventConsumer,
} from '../../src/bridge/amqp/index.js';
import { createHttpApp, HttpMetrics, parseApiTokens } from '../../src/bridge/index.js';
import { PgOutboxStore } from '../../src/bridge/outbox/index.js';
import { type RunningWorkflows, startWorkflows } from '../../src/cli/app/start-workflows.js';
import { testDatabaseUrl, testSchema } from '../agents/durable-workflows/support/test-engine.js';
import { freshSchema, type TestSchema } from '../support/postgres.js';
import { freshVhost, type TestVhost } from '../support/rabbitmq-vhost.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';

// The parts `ventros serve` composes when DATABASE_URL and RABBITMQ_URL are set — the real application
// (offline model, every tool server), the workflow engine on PostgreSQL, the PostgreSQL outbox, the
// RabbitMQ bridge, the workflow events consumer and the HTTP app — on a vhost of this file's own.
// A workflow day lasts 100 ms. Tests that need a workflow to wait for a reply hold its welcome run
// (a gate per contact) until the reply was delivered, so nothing depends on timing.

const TENANT = 'tenant-demo';
const DAY_MS = 100;

let vhost: TestVhost;
let outboxSchema: TestSchema;
let seeded: SeededApp;
let outbox: PgOutboxStore;
let workflows: RunningWorkflows;
let amqp: AmqpBridge;
let events: WorkflowEventConsumer;
let http: ReturnType<typeof createHttpApp>;
let probe: Probe;
const welcomeGates = new Map<string, Promise<void>>();

beforeAll(async () => {
  vhost = await freshVhost('ventros-wf-serve');
  outboxSchema = await freshSchema('wf_outbox');
  seeded = await createSeededApp();
  const { app } = seeded;
  outbox = new PgOutboxStore({ url: outboxSchema.url });
  const execute = async (request: AgentRequest) => {
    const gate = request.context?.['reason'] === 'welcome' ? welcomeGates.get(request.contactId ?? '') : undefined;
    await gate;
    return app.execute(request);
  };
  const started = await startWorkflows({
    env: {
      DATABASE_URL: testDatabaseUrl(),
      VENTROS_WORKFLOW_SCHEMA: testSchema('serve'),
      VENTROS_WORKFLOW_CLOCK_SCALE: String(86_400_000 / DAY_MS),
      VENTROS_INSTANCE_ID: 'test-instance',
    },
    app: { execute, host: app.host, sessions: app.sessions },
    outbox,
    onQueued: () => amqp?.publisher.notify(),
    stepPolicy: { maxAttempts: 2, intervalSeconds: 0.01, timeoutMs: 30_000 },
  });
  if (!started) throw new Error('workflows did not start with DATABASE_URL set');
  workflows = started;
  const served = workflows.deliveringReplies(app);
  amqp = await startAmqpBridge({ url: vhost.url, app: served, outbox, retry: { maxAttempts: 1 } });
  events = await startWorkflowEventConsumer({
    url: vhost.url,
    handle: (event) => workflows.handleEvent(event),
    retry: { maxAttempts: 2, baseMs: 10, maxMs: 20 },
  });
  http = createHttpApp({
    app: served,
    metrics: new HttpMetrics(),
    apiTokens: new Map(),
    defaultTenantId: TENANT,
    workflows: workflows.service,
  });
  probe = await Probe.open(vhost.url);
}, 180_000);

afterAll(async () => {
  await probe?.close();
  await events?.close();
  await amqp?.close();
  await workflows?.close();
  await outbox?.close();
  await seeded?.close();
  await outboxSchema?.drop();
  await vhost?.drop();
}, 120_000);

describe('durable workflows in serve', () => {
  it('starts a lead nurturing from contact.created once, however often the event comes, and sends its messages as message.outbound', async () => {
    const contact = `lead-${randomUUID().slice(0, 8)}`;
    const created = contactCreated(contact);
    probe.publish('contact.created', created);
    probe.publish('contact.created', created); // redelivered
    probe.publish('contact.created', { ...created, event_id: randomUUID() }); // the CRM sent it twice

    const id = `lead-nurturing-${contact}@${TENANT}`;
    const done = await waitFor(workflows.service, id, (w) => w.status === 'completed');
    const expected = ['ai_welcome', 'send_welcome', 'engagement_check', 'ai_outreach', 'send_outreach'];
    expected.push('ai_qualification', 'ai_retention_check', 'send_retention_check', 'assign_to_human');
    expect(done.steps_done.filter((step) => expected.includes(step))).toEqual(expected);
    expect(new Set(done.steps_done).size).toBe(done.steps_done.length); // no step ran twice
    expect(await workflows.service.list({ contact_id: contact })).toHaveLength(1);
    await eventually(() => events.stats().handled >= 3, 'the three events handled');

    const sent = await eventually(() => {
      const mine = probe.outbound.filter((o) => o.payload.contact_id === contact);
      return mine.length >= 3 && mine;
    }, 'three outbound messages');
    expect(sent.map((o) => (o.payload.metadata as Record<string, unknown>)['reason'])).toEqual([
      'welcome',
      'low_engagement',
      'retention_check',
    ]);
    for (const message of sent) {
      expect(message.payload).toMatchObject({
        source: 'sequence',
        tenant_id: TENANT,
        session_id: id,
        agent_id: 'sales_prospecting',
        metadata: { workflow: 'lead_nurturing', workflow_id: id, agent_category: 'sales' },
      });
      expect(message.payload.in_reply_to).toBeUndefined();
      expect(message.payload.text.length).toBeGreaterThan(0);
    }
    expect(new Set(sent.map((o) => o.event_id)).size).toBe(3);
    expect(probe.malformed).toEqual([]);
  }, 120_000);

  it('POST /api/workflows/lead_nurturing answers 201 with the new workflow, then 200 with the same one; lists and shows it', async () => {
    const contact = `lead-${randomUUID().slice(0, 8)}`;
    const first = await post('/api/workflows/lead_nurturing', { contact_id: contact });
    expect(first.status).toBe(201);
    const workflow = (await first.json()) as WorkflowDetail;
    expect(workflow).toMatchObject({
      id: `lead-nurturing-${contact}@${TENANT}`,
      workflow: 'lead_nurturing',
      tenant_id: TENANT,
      contact_id: contact,
      input: { tenant_id: TENANT, contact_id: contact },
    });
    expect(['running', 'sleeping']).toContain(workflow.status);

    const again = await post('/api/workflows/lead_nurturing', { contact_id: contact });
    expect(again.status).toBe(200);
    expect(((await again.json()) as WorkflowDetail).id).toBe(workflow.id);

    const shown = await http.request(`http://localhost/api/workflows/${encodeURIComponent(workflow.id)}`);
    expect(shown.status).toBe(200);
    expect(((await shown.json()) as WorkflowDetail).contact_id).toBe(contact);
    const listed = await http.request(`http://localhost/api/workflows?contact_id=${contact}`);
    const body = (await listed.json()) as { workflows: WorkflowDetail[]; total_count: number };
    expect(body.workflows.map((w) => w.id)).toEqual([workflow.id]);
    await waitFor(workflows.service, workflow.id, (w) => w.status === 'completed');
    const completed = await http.request(`http://localhost/api/workflows?status=completed&contact_id=${contact}`);
    expect(((await completed.json()) as { total_count: number }).total_count).toBe(1);
  }, 120_000);

  it('answers 404 for an unknown workflow or id and 400 for a start request the workflow refuses', async () => {
    const unknown = await post('/api/workflows/lead_nurture', { contact_id: 'c-1' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
    const noContact = await post('/api/workflows/lead_nurturing', { project_id: 'p-1' });
    expect(noContact.status).toBe(400);
    expect(await noContact.json()).toMatchObject({ error: { code: 'invalid_argument' } });
    const noRisk = await post('/api/workflows/retention_campaign', { contact_id: 'c-1' });
    expect(noRisk.status).toBe(400);
    const missing = await http.request('http://localhost/api/workflows/lead-nurturing-nobody@tenant-demo');
    expect(missing.status).toBe(404);
  }, 60_000);

  it('is for staff: a customer token gets 403, a staff token starts in its own tenant whatever the body names', async () => {
    const withTokens = createHttpApp({
      app: seeded.app,
      metrics: new HttpMetrics(),
      apiTokens: parseApiTokens('staff-key:tenant-demo:staff,customer-key:tenant-demo:customer'),
      defaultTenantId: TENANT,
      workflows: workflows.service,
    });
    const start = (token: string, body: unknown) =>
      withTokens.request('http://localhost/api/workflows/lead_nurturing', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const contact = `lead-${randomUUID().slice(0, 8)}`;
    expect((await start('customer-key', { contact_id: contact })).status).toBe(403);
    const listed = await withTokens.request('http://localhost/api/workflows', {
      headers: { authorization: 'Bearer customer-key' },
    });
    expect(listed.status).toBe(403);
    const started = await start('staff-key', { contact_id: contact, tenant_id: 'tenant-other' });
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ tenant_id: TENANT, id: `lead-nurturing-${contact}@${TENANT}` });
    await waitFor(workflows.service, `lead-nurturing-${contact}@${TENANT}`, (w) => w.status === 'completed');
  }, 120_000);

  it("hands a customer's POST /api/agents/message to the nurturing waiting for engagement; the agents still answer", async () => {
    const contact = `lead-${randomUUID().slice(0, 8)}`;
    const gate = hold(contact);
    const started = await post('/api/workflows/lead_nurturing', { contact_id: contact });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as WorkflowDetail;

    const answer = await post('/api/agents/message', {
      message: 'Oi! Tenho interesse, quanto custa?',
      contact_id: contact,
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { response: string }).response.length).toBeGreaterThan(0);
    gate.open();

    const done = await waitFor(workflows.service, id, (w) => w.status === 'completed');
    expect(done.result).toMatchObject({ engaged: true });
    expect(done.steps_done).not.toContain('ai_outreach');
    const reply = done.steps.find((s) => s.kind === 'reply');
    expect(reply?.status).toBe('completed');
  }, 120_000);

  it('answers a message.received from a contact with a waiting workflow and records it as engagement, once', async () => {
    const contact = `lead-${randomUUID().slice(0, 8)}`;
    const gate = hold(contact);
    probe.publish('contact.created', contactCreated(contact));
    const id = `lead-nurturing-${contact}@${TENANT}`;
    await waitFor(workflows.service, id, () => true);

    const inbound = messageReceived(contact, 'Oi, recebi a mensagem de vocês. Podemos conversar?');
    probe.publish('message.received', inbound);
    probe.publish('message.received', inbound); // a redelivery is neither answered nor delivered twice
    const answer = await eventually(
      () => probe.outbound.find((o) => o.payload.in_reply_to === inbound.payload.message_id),
      'the answer to the customer',
    );
    expect(answer.payload.source).toBe('bot');
    gate.open();

    const done = await waitFor(workflows.service, id, (w) => w.status === 'completed');
    expect(done.result).toMatchObject({ engaged: true });
    expect(done.steps_done).not.toContain('ai_outreach');
    expect(probe.outbound.filter((o) => o.payload.in_reply_to === inbound.payload.message_id)).toHaveLength(1);

    // session.ended without its messages: they are read from the session store and go to memory.
    const handled = events.stats().handled;
    probe.publish('session.ended', {
      ...envelope('session.ended'),
      payload: { session_id: inbound.payload.session_id, contact_id: contact },
    });
    await eventually(() => events.stats().handled > handled, 'session.ended handled');
    const again = await seeded.app.host.callTool(
      'add_session',
      { session_id: inbound.payload.session_id, contact_id: contact, messages: [{ role: 'user', content: 'x' }] },
      { tenantId: TENANT, contactId: contact },
    );
    expect(again.isError).not.toBe(true);
    expect(again.structured).toMatchObject({ memories_created: 0 }); // already stored by the event
  }, 120_000);

  it('dead-letters a malformed workflow event with its reason, to be reprocessed into the workflows queue', async () => {
    const before = events.stats().deadLettered;
    probe.publish('contact.created', { ...envelope('contact.created'), payload: { project_id: 'no contact' } });
    await eventually(() => events.stats().deadLettered > before, 'the dead letter');
    const dead = await probe.takeDeadLetter();
    expect(dead.headers[DLQ_HEADERS.errorType]).toBe('invalid_input');
    expect(String(dead.headers[DLQ_HEADERS.error])).toContain('contact_id');
    expect(dead.headers[DLQ_HEADERS.queue]).toBe(WORKFLOW_EVENTS_QUEUE);
  }, 60_000);
});

function post(path: string, body: unknown): Promise<Response> {
  return Promise.resolve(
    http.request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/** Holds the welcome run of `contact`'s workflow until `open()`. */
function hold(contact: string): { open: () => void } {
  let open!: () => void;
  welcomeGates.set(
    contact,
    new Promise<void>((resolve) => {
      open = resolve;
    }),
  );
  return { open };
}

function envelope(eventType: string) {
  return { event_id: randomUUID(), event_type: eventType, occurred_at: new Date().toISOString(), tenant_id: TENANT };
}

function contactCreated(contact: string) {
  return { ...envelope('contact.created'), payload: { contact_id: contact, project_id: 'project-1' } };
}

function messageReceived(contact: string, text: string) {
  return {
    ...envelope('message.received'),
    payload: {
      message_id: `msg-${randomUUID()}`,
      contact_id: contact,
      session_id: `session-${contact}`,
      tenant_id: TENANT,
      text,
      from_me: false,
      timestamp: new Date().toISOString(),
      channel_id: 'whatsapp-1',
    },
  };
}

/** Polls `show` until `done` holds; bounded by a count of polls (the test's timeout is the backstop). */
async function waitFor(
  service: WorkflowService,
  id: string,
  done: (w: WorkflowDetail) => boolean,
): Promise<WorkflowDetail> {
  let last: unknown;
  for (let i = 0; i < 6_000; i++) {
    try {
      const workflow = await service.show(id);
      if (done(workflow)) return workflow;
      last = workflow;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`workflow ${id} never got there; last: ${JSON.stringify(last)}`);
}

async function eventually<T>(check: () => T | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 6_000; i++) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The CRM's side of the broker: publishes events, collects `message.outbound`, reads the DLQ. */
class Probe {
  readonly outbound: MessageOutboundEvent[] = [];
  readonly malformed: string[] = [];
  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
  ) {}

  static async open(url: string): Promise<Probe> {
    const connection = await connect(url);
    const channel = await connection.createChannel();
    const probe = new Probe(connection, channel);
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, EVENTS_EXCHANGE, OUTBOUND_ROUTING_KEY);
    await channel.consume(
      queue,
      (m) => {
        if (!m) return;
        const parsed = MessageOutboundEventSchema.safeParse(JSON.parse(m.content.toString('utf8')));
        if (parsed.success) probe.outbound.push(parsed.data);
        else probe.malformed.push(m.content.toString('utf8'));
      },
      { noAck: true },
    );
    return probe;
  }

  publish(routingKey: string, event: unknown): void {
    this.channel.publish(EVENTS_EXCHANGE, routingKey, Buffer.from(JSON.stringify(event)), {
      persistent: true,
      contentType: 'application/json',
    });
  }

  async takeDeadLetter(): Promise<{ headers: Record<string, unknown> }> {
    for (let i = 0; i < 400; i++) {
      const got = await this.channel.get(DEAD_LETTER_QUEUE, { noAck: true });
      if (got) return { headers: got.properties.headers ?? {} };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('no dead letter');
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
