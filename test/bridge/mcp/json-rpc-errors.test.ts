import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentsMcpHttp, startAgentsMcpHttp } from '../../support/agents-mcp-http.js';

/**
 * The JSON-RPC error codes and HTTP statuses of `/mcp`, over a real loopback server, for both revisions.
 *
 * 2026-07-28 (stateless) follows the SDK's status table for errors raised before dispatch
 * (`LADDER_ERROR_HTTP_STATUS` in @modelcontextprotocol/server): parse error -32700 → 400, invalid request
 * -32600 → 400, method not found -32601 → 404, unsupported protocol version -32022 → 400 (naming the
 * supported revisions), header/body disagreement -32020 → 400, a malformed `_meta` envelope -32602 → 400;
 * an error the dispatcher or a handler produces (invalid params of a method) stays in-band on 200.
 *
 * 2025-11-25 (sessions): a body that is not JSON (-32700) or not a JSON-RPC message (-32600) gets 400 with
 * or without a session; inside a session an unknown method (-32601) and bad params (-32602) are ordinary
 * JSON-RPC responses (200, in the SSE stream the client accepted); an unsupported `MCP-Protocol-Version`
 * header is 400 (-32000), and `initialize` with an unknown version negotiates (answers its own), no error.
 */
const MODERN = '2026-07-28';
const LEGACY = '2025-11-25';

let agents: AgentsMcpHttp;
let url: string;

beforeAll(async () => {
  agents = await startAgentsMcpHttp();
  url = agents.url;
}, 60_000);

afterAll(async () => {
  await agents?.close();
});

interface Answer {
  status: number;
  contentType: string;
  /** The JSON-RPC message: the JSON body, or the first `data:` of an SSE body. */
  message: {
    id?: unknown;
    result?: Record<string, unknown>;
    error?: { code: number; message: string; data?: unknown };
  };
  sessionId: string | null;
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  const json = contentType.startsWith('text/event-stream')
    ? (text.split('\n').find((line) => line.startsWith('data: ')) ?? '').slice('data: '.length)
    : text;
  return {
    status: response.status,
    contentType,
    message: JSON.parse(json),
    sessionId: response.headers.get('mcp-session-id'),
  };
}

/** The request envelope of 2026-07-28: the version and the client in every request's `_meta`. */
const envelope = (version = MODERN) => ({
  'io.modelcontextprotocol/protocolVersion': version,
  'io.modelcontextprotocol/clientInfo': { name: 'error-table', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
});
const modernHeaders = (method: string, extra: Record<string, string> = {}) => ({
  'mcp-protocol-version': MODERN,
  'mcp-method': method,
  ...extra,
});

describe('/mcp JSON-RPC errors on 2026-07-28 (stateless)', () => {
  it('a body that is not JSON: -32700, 400', async () => {
    const answer = await post('{"jsonrpc":"2.0",', { 'mcp-protocol-version': MODERN });
    expect([answer.status, answer.message.error?.code]).toEqual([400, -32700]);
    expect(answer.contentType).toMatch(/^application\/json/);
  });

  it('JSON that is not a JSON-RPC request: -32600, 400', async () => {
    const noMethod = await post({ jsonrpc: '2.0', id: 1, params: { _meta: envelope() } }, modernHeaders('tools/list'));
    expect([noMethod.status, noMethod.message.error?.code]).toEqual([400, -32600]);
    const wrongVersion = await post(
      { jsonrpc: '1.0', id: 2, method: 'tools/list', params: { _meta: envelope() } },
      modernHeaders('tools/list'),
    );
    expect([wrongVersion.status, wrongVersion.message.error?.code]).toEqual([400, -32600]);
    expect(wrongVersion.contentType).toMatch(/^application\/json/);
  });

  it('an unknown method: -32601, 404', async () => {
    const answer = await post(
      { jsonrpc: '2.0', id: 3, method: 'no/such-method', params: { _meta: envelope() } },
      modernHeaders('no/such-method'),
    );
    expect([answer.status, answer.message.error?.code, answer.message.id]).toEqual([404, -32601, 3]);
    expect(answer.contentType).toMatch(/^application\/json/);
  });

  it('invalid params of a method: -32602, in-band on 200', async () => {
    const answer = await post(
      { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 42, _meta: envelope() } },
      modernHeaders('tools/call'),
    );
    expect([answer.status, answer.message.error?.code, answer.message.id]).toEqual([200, -32602, 4]);
    expect(answer.contentType).toMatch(/^application\/json/);
  });

  it('a malformed `_meta` envelope: -32602, 400', async () => {
    const answer = await post(
      {
        jsonrpc: '2.0',
        id: 5,
        method: 'tools/list',
        params: { _meta: { ...envelope(), 'io.modelcontextprotocol/clientInfo': 7 } },
      },
      modernHeaders('tools/list'),
    );
    expect([answer.status, answer.message.error?.code]).toEqual([400, -32602]);
  });

  it('an unsupported protocol version: -32022, 400, naming the supported revisions', async () => {
    const answer = await post(
      { jsonrpc: '2.0', id: 6, method: 'tools/list', params: { _meta: envelope('2099-01-01') } },
      { 'mcp-protocol-version': '2099-01-01', 'mcp-method': 'tools/list' },
    );
    expect([answer.status, answer.message.error?.code, answer.message.id]).toEqual([400, -32022, 6]);
    expect(answer.message.error?.data).toMatchObject({ supported: [MODERN], requested: '2099-01-01' });
  });

  it('a version header that disagrees with `_meta`: -32020, 400', async () => {
    const answer = await post(
      { jsonrpc: '2.0', id: 7, method: 'tools/list', params: { _meta: envelope() } },
      { 'mcp-protocol-version': '2099-01-01', 'mcp-method': 'tools/list' },
    );
    expect([answer.status, answer.message.error?.code]).toEqual([400, -32020]);
  });

  it('opens no session on any of them', async () => {
    const answer = await post(
      { jsonrpc: '2.0', id: 8, method: 'no/such-method', params: { _meta: envelope() } },
      modernHeaders('no/such-method'),
    );
    expect(answer.sessionId).toBeNull();
  });
});

describe('/mcp JSON-RPC errors on 2025-11-25 (sessions)', () => {
  let session: Record<string, string>;

  beforeAll(async () => {
    const opened = await post({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: LEGACY, capabilities: {}, clientInfo: { name: 'error-table', version: '1.0.0' } },
    });
    expect(opened.sessionId).toBeTruthy();
    session = { 'mcp-session-id': opened.sessionId ?? '', 'mcp-protocol-version': LEGACY };
  });

  it('a body that is not JSON: -32700, 400, with or without a session', async () => {
    for (const headers of [{}, session]) {
      const answer = await post('{"jsonrpc":"2.0",', headers);
      expect([answer.status, answer.message.error?.code]).toEqual([400, -32700]);
      expect(answer.contentType).toMatch(/^application\/json/);
    }
  });

  it('JSON that is not a JSON-RPC message: -32600, 400, with or without a session', async () => {
    for (const headers of [{}, session]) {
      const answer = await post({ jsonrpc: '2.0', id: 1 }, headers);
      expect([answer.status, answer.message.error?.code]).toEqual([400, -32600]);
      expect(answer.contentType).toMatch(/^application\/json/);
    }
  });

  it('an unknown method in a session: -32601 as the JSON-RPC response (200)', async () => {
    const answer = await post({ jsonrpc: '2.0', id: 2, method: 'no/such-method' }, session);
    expect([answer.status, answer.message.error?.code, answer.message.id]).toEqual([200, -32601, 2]);
  });

  it('invalid params in a session: -32602 as the JSON-RPC response (200)', async () => {
    const answer = await post({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 42 } }, session);
    expect([answer.status, answer.message.error?.code, answer.message.id]).toEqual([200, -32602, 3]);
  });

  it('an unsupported MCP-Protocol-Version header in a session: 400, -32000', async () => {
    const answer = await post(
      { jsonrpc: '2.0', id: 4, method: 'tools/list' },
      { ...session, 'mcp-protocol-version': '1999-01-01' },
    );
    expect([answer.status, answer.message.error?.code]).toEqual([400, -32000]);
    expect(answer.message.error?.message).toMatch(/Unsupported protocol version/);
  });

  it('initialize with an unknown version negotiates: the server answers with its own revision', async () => {
    const answer = await post({
      jsonrpc: '2.0',
      id: 5,
      method: 'initialize',
      params: {
        protocolVersion: '1999-01-01',
        capabilities: {},
        clientInfo: { name: 'error-table', version: '1.0.0' },
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.message.result?.protocolVersion).toBe(LEGACY);
  });
});
