import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentsMcpServer, McpHttpHandler } from '../../../src/bridge/index.js';
import { createSeededApp, type SeededApp } from '../../support/seeded-app.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

interface Reply {
  id: string | number | null;
  error?: { code: number; message: string };
  result?: unknown;
}

/** A tool server on stdio, spoken to line by line, as a client with bugs would. */
class RawStdio {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly replies: Reply[] = [];
  private waiters: Array<() => void> = [];

  constructor(dataDir: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'server', 'retention'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', VENTROS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.replies.push(JSON.parse(line) as Reply);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Writes `lines` and waits for `count` replies (bounded: a missing reply fails, never hangs). */
  async exchange(lines: string[], count: number): Promise<Reply[]> {
    const start = this.replies.length;
    this.child.stdin.write(lines.map((l) => `${l}\n`).join(''));
    const deadline = Date.now() + 60_000;
    while (this.replies.length < start + count) {
      if (Date.now() > deadline) throw new Error(`got ${this.replies.length - start} of ${count} replies`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 1000);
      });
    }
    return this.replies.slice(start, start + count);
  }

  close(): void {
    this.child.kill();
  }
}

const request = (id: number, method: string, params?: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });

let dataDir: string;
let server: RawStdio;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ventros-jsonrpc-'));
  server = new RawStdio(dataDir);
  const [init] = await server.exchange(
    [
      request(1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      }),
    ],
    1,
  );
  expect(init?.result).toBeDefined();
}, 90_000);

afterAll(() => {
  server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('JSON-RPC on a stdio tool server', () => {
  it('answers each kind of malformed input with its JSON-RPC code, and keeps serving', async () => {
    const replies = await server.exchange(
      [
        'not json',
        '{"jsonrpc":"2.0","id":2,',
        JSON.stringify({ jsonrpc: '2.0', id: { bad: 1 }, method: 'tools/list' }),
        JSON.stringify([{ jsonrpc: '2.0', id: 3, method: 'ping' }]),
        request(4, 'tools/call', { name: 123 }),
        request(5, 'no/such/method'),
        request(6, 'ping'),
      ],
      7,
    );
    expect(replies.map((r) => [r.id, r.error?.code ?? 'ok'])).toEqual([
      [null, -32700],
      [null, -32700],
      [null, -32600],
      [null, -32600],
      [4, -32602],
      [5, -32601],
      [6, 'ok'],
    ]);
  });

  it('survives a bounded fuzz: one reply per line, every code a JSON-RPC one, still alive after', async () => {
    // Deterministic (seeded) garbage: truncated JSON, wrong types in every field, random printable bytes.
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const values = [null, 1, -1, 'x', '', true, [], {}, [1, 2], { a: { b: 1 } }, 1e308, '\u0000'];
    const pick = <T>(list: readonly T[]) => list[next() % list.length] as T;
    const methods = ['tools/call', 'tools/list', 'initialize', 'resources/read', 'prompts/get', 'ping', 'x'];
    const lines: string[] = [];
    for (let i = 0; i < 150; i++) {
      const kind = next() % 3;
      if (kind === 0) {
        lines.push(JSON.stringify({ jsonrpc: '2.0', id: 1000 + i, method: pick(methods), params: pick(values) }));
      } else if (kind === 1) {
        const full = request(1000 + i, pick(methods), { name: pick(values), arguments: pick(values) });
        lines.push(full.slice(0, 1 + (next() % (full.length - 1))));
      } else {
        lines.push(Array.from({ length: 1 + (next() % 40) }, () => String.fromCharCode(33 + (next() % 90))).join(''));
      }
    }
    const replies = await server.exchange([...lines, request(9999, 'ping')], lines.length + 1);
    const codes = new Set(replies.flatMap((r) => (r.error ? [r.error.code] : [])));
    for (const code of codes) expect([-32700, -32600, -32601, -32602, -32603]).toContain(code);
    // Tool calls that pass the schema may fail as tools; no malformed message is an internal error.
    expect(replies.filter((r) => r.error?.code === -32603)).toEqual([]);
    expect(replies.at(-1)).toMatchObject({ id: 9999, result: {} });
  }, 120_000);
});

describe('JSON-RPC on /mcp (Streamable HTTP)', () => {
  let seeded: SeededApp;
  let handler: McpHttpHandler;

  beforeAll(async () => {
    seeded = await createSeededApp();
    handler = new McpHttpHandler({ createServer: (tenantId) => createAgentsMcpServer(seeded.app, { tenantId }) });
  }, 60_000);

  afterAll(async () => {
    await handler?.close();
    await seeded?.close();
  });

  const post = (body: string, sessionId?: string) =>
    handler.handle(
      new Request('http://127.0.0.1/mcp', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
        },
        body,
      }),
      'tenant-demo',
    );

  it('answers a body that is not JSON with -32700 and one that is not JSON-RPC with -32600', async () => {
    const notJson = await post('{"jsonrpc":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ id: null, error: { code: -32700 } });
    const notRpc = await post(JSON.stringify({ hello: 'world' }));
    expect(notRpc.status).toBe(400);
    expect(await notRpc.json()).toMatchObject({ id: null, error: { code: -32600 } });
  });

  it('answers malformed params of a known method with -32602 in a session', async () => {
    const init = await post(
      request(1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      }),
    );
    const sessionId = init.headers.get('mcp-session-id') ?? '';
    expect(sessionId).not.toBe('');
    await init.text();
    const bad = await post(request(2, 'tools/call', { name: 123 }), sessionId);
    const text = await bad.text();
    // The transport answers with JSON or one SSE event; either way the error is the JSON-RPC one.
    const json = text.startsWith('{') ? text : (text.split('\n').find((l) => l.startsWith('data: ')) ?? '').slice(6);
    expect(JSON.parse(json)).toMatchObject({ id: 2, error: { code: -32602 } });
  });
});
