import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseApiTokens } from '../../../src/bridge/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';
import {
  type Frame,
  HANG,
  HangOnCueModel,
  RefusedUpgrade,
  startWsServer,
  TestClient,
  type WsServer,
} from './ws-harness.js';

let seeded: SeededApp;
let model: HangOnCueModel;
let open: WsServer;
let authed: WsServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  model = new HangOnCueModel();
  seeded = await createSeededApp({ model, modelFor: () => model });
  open = await startWsServer(seeded.app);
  authed = await startWsServer(seeded.app, { apiTokens: parseApiTokens('secret-acme:tenant-acme') });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await open?.close();
  await authed?.close();
  await seeded?.close();
});

async function connect(server: WsServer = open, options: ConstructorParameters<typeof WebSocket>[2] = {}) {
  const client = await TestClient.connect(server.url, options);
  clients.push(client);
  return client;
}

async function refusal(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<number> {
  try {
    const client = await TestClient.connect(url, options);
    clients.push(client);
  } catch (error) {
    if (error instanceof RefusedUpgrade) return error.status;
    throw error;
  }
  throw new Error('the upgrade was accepted');
}

const CANCEL_MESSAGE = 'Quero cancelar, está muito caro';
const types = (frames: Frame[]) => frames.map((f) => f.type);

describe('/ws/agent', () => {
  it('streams the events of a run, then its result, every frame tagged with the run id', async () => {
    const client = await connect();
    client.send({ type: 'message', id: 'r1', message: CANCEL_MESSAGE, contact_id: 'contact-carlos' });
    const frames = await client.run('r1');

    expect(frames.every((f) => f.id === 'r1')).toBe(true);
    expect(types(frames)).toContain('tool_call');
    expect(types(frames)).toContain('final');
    expect(frames.at(-1)).toMatchObject({
      type: 'result',
      result: { agent_used: 'retention_churn', intent: expect.any(String) },
    });
    const result = frames.at(-1)?.['result'] as { tool_calls: Array<{ tool_name: string }> };
    expect(result.tool_calls.length).toBeGreaterThan(0);
    // The events keep their own fields next to the run id.
    expect(frames.find((f) => f.type === 'tool_call')).toMatchObject({
      tool: expect.any(String),
      runId: expect.any(String),
    });
  });

  it('runs two messages at once on one socket and keeps their frames apart', async () => {
    const client = await connect();
    client.send({
      type: 'message',
      id: 'a',
      agent: 'retention_churn',
      message: CANCEL_MESSAGE,
      contact_id: 'contact-carlos',
    });
    client.send({ type: 'message', id: 'b', message: 'Quanto custa o plano premium?' });
    const [a, b] = await Promise.all([client.run('a'), client.run('b')]);

    expect(a.at(-1)).toMatchObject({ type: 'result', result: { agent_used: 'retention_churn' } });
    expect(b.at(-1)).toMatchObject({ type: 'result' });
    const runIdsOf = (frames: Frame[]) => new Set(frames.filter((f) => f.type !== 'result').map((f) => f['runId']));
    expect(runIdsOf(a).size).toBe(1);
    expect(runIdsOf(b).size).toBe(1);
    expect([...runIdsOf(a)][0]).not.toBe([...runIdsOf(b)][0]);
  });

  it('gives a run without an id a server-chosen one', async () => {
    const client = await connect();
    client.send({ type: 'message', message: CANCEL_MESSAGE });
    const result = await client.waitFor((f) => f.type === 'result', 'the result');
    expect(result.id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  });

  it('cancels a run in flight on a cancel frame and ends it with a cancelled error', async () => {
    const client = await connect();
    const hanging = model.nextHang();
    client.send({ type: 'message', id: 'slow', agent: 'retention_churn', message: `${HANG} Quero cancelar` });
    const signal = await hanging;
    client.send({ type: 'cancel', id: 'slow' });

    const frames = await client.run('slow');
    expect(frames.at(-1)).toMatchObject({ type: 'error', id: 'slow', code: 'cancelled' });
    expect(signal.aborted).toBe(true);
    expect(types(frames)).not.toContain('result');
  });

  it('answers a cancel for no run in flight with not_found', async () => {
    const client = await connect();
    client.send({ type: 'cancel', id: 'ghost' });
    expect(await client.waitFor((f) => f.id === 'ghost')).toMatchObject({ type: 'error', code: 'not_found' });
  });

  it('answers bad JSON and bad frames with error frames and keeps the socket open', async () => {
    const client = await connect();
    client.send('{not json');
    expect(await client.waitFor((f) => f.type === 'error' && f.id === null)).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('JSON'),
    });
    client.send({ type: 'message', id: 'empty', message: '   ' });
    expect(await client.waitFor((f) => f.id === 'empty')).toMatchObject({ type: 'error', code: 'invalid_argument' });
    client.send({ type: 'shout', id: 'odd' });
    expect(await client.waitFor((f) => f.id === 'odd')).toMatchObject({ type: 'error', code: 'invalid_argument' });
    client.send({ type: 'message', id: 'long', message: 'x'.repeat(20_001) });
    expect(await client.waitFor((f) => f.id === 'long')).toMatchObject({ type: 'error', code: 'invalid_argument' });
    client.socket.send(Buffer.from('binary'), { binary: true });
    await client.waitFor((f) => f.type === 'error' && String(f['message']).includes('text frames'));

    client.send({ type: 'message', id: 'after', message: CANCEL_MESSAGE });
    expect((await client.run('after')).at(-1)).toMatchObject({ type: 'result' });
  });

  it('answers an unknown agent with not_found', async () => {
    const client = await connect();
    client.send({ type: 'message', id: 'u', agent: 'no_such_agent', message: 'oi' });
    expect(await client.waitFor((f) => f.id === 'u')).toMatchObject({
      type: 'error',
      code: 'not_found',
      message: expect.stringContaining('no_such_agent'),
    });
  });

  it("runs frames as the customer's messages: an internal agent is permission_denied", async () => {
    const client = await connect();
    client.send({ type: 'message', id: 'bi', agent: 'bi_manager', message: 'quantos leads?' });
    expect(await client.waitFor((f) => f.id === 'bi')).toMatchObject({ type: 'error', code: 'permission_denied' });
  });

  it('refuses a duplicate id in flight and a fifth concurrent run', async () => {
    const client = await connect();
    for (const id of ['h1', 'h2', 'h3', 'h4']) {
      const hanging = model.nextHang();
      client.send({ type: 'message', id, agent: 'retention_churn', message: `${HANG} ${id}` });
      await hanging;
    }
    client.send({ type: 'message', id: 'h1', message: 'again' });
    expect(await client.waitFor((f) => f.id === 'h1' && f.type === 'error')).toMatchObject({ code: 'conflict' });
    client.send({ type: 'message', id: 'h5', message: 'one too many' });
    expect(await client.waitFor((f) => f.id === 'h5')).toMatchObject({ type: 'error', code: 'rate_limited' });

    client.send({ type: 'cancel', id: 'h2' });
    await client.run('h2');
    client.send({ type: 'message', id: 'h6', message: CANCEL_MESSAGE });
    expect((await client.run('h6')).at(-1)).toMatchObject({ type: 'result' });
  });

  it('cancels the runs of a socket that closes mid-run', async () => {
    const client = await connect();
    const hanging = model.nextHang();
    client.send({ type: 'message', id: 'orphan', agent: 'retention_churn', message: `${HANG} Quero cancelar` });
    const signal = await hanging;
    const aborted = new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason)));
    await client.close();
    expect(await aborted).toMatchObject({ code: 'cancelled' });
  });

  it('answers a plain GET with 426', async () => {
    const res = await fetch(open.url.replace('ws://', 'http://'));
    expect(res.status).toBe(426);
  });
});

describe('/ws/agent authentication', () => {
  it('requires a valid token when tokens are configured', async () => {
    expect(await refusal(authed.url)).toBe(401);
    expect(await refusal(`${authed.url}?token=wrong`)).toBe(401);
    expect(await refusal(authed.url, { headers: { authorization: 'Bearer wrong' } })).toBe(401);
  });

  it('accepts the token as a bearer header or a query parameter and runs in its tenant', async () => {
    const byHeader = await connect(authed, { headers: { authorization: 'Bearer secret-acme' } });
    byHeader.send({ type: 'message', id: 'h', message: 'Quais planos vocês têm?', tenant_id: 'tenant-demo' });
    // The token's tenant wins over the one the frame names.
    expect((await byHeader.run('h')).at(-1)).toMatchObject({
      type: 'result',
      result: { metadata: { tenant_id: 'tenant-acme' } },
    });

    const byQuery = await connect({ ...authed, url: `${authed.url}?token=secret-acme` });
    byQuery.send({ type: 'message', id: 'q', message: 'Quais planos vocês têm?' });
    expect((await byQuery.run('q')).at(-1)).toMatchObject({
      type: 'result',
      result: { metadata: { tenant_id: 'tenant-acme' } },
    });
  });

  it('refuses a foreign Origin or Host without tokens, and accepts a local one', async () => {
    expect(await refusal(open.url, { origin: 'https://evil.example.com' })).toBe(403);
    expect(await refusal(open.url, { headers: { host: 'evil.example.com' } })).toBe(403);
    const local = await connect(open, { origin: 'http://localhost:3000' });
    expect(local.socket.readyState).toBe(WebSocket.OPEN);
  });
});

describe('/ws/agent socket limits', () => {
  let limited: WsServer;
  beforeAll(async () => {
    limited = await startWsServer(seeded.app, { sockets: { maxFrameBytes: 4096, pingIntervalMs: 50 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('closes the socket with 1009 on a frame over the size bound', async () => {
    const client = await connect(limited);
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    client.send({ type: 'message', message: 'x'.repeat(5000) });
    expect(await closed).toBe(1009);
  });

  it('pings its peers and drops one that never answers', async () => {
    const live = await connect(limited);
    const pinged = new Promise<void>((resolve) => live.socket.once('ping', () => resolve()));
    await pinged;

    const silent = await connect(limited, { autoPong: false });
    const closed = new Promise<number>((resolve) => silent.socket.once('close', (code) => resolve(code)));
    expect(await closed).toBe(1006);
    expect(live.socket.readyState).toBe(WebSocket.OPEN);
  });
});
