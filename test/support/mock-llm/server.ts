import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAnthropic, parseGemini } from './parse-request.js';
import type { MockHandler, MockLlmRequest, MockTurn } from './types.js';
import { anthropicError, anthropicReply, geminiEmbedReply, geminiError, geminiReply, type Reply } from './wire.js';

/** A running mock of the Anthropic and Gemini HTTP APIs on 127.0.0.1. */
export interface MockLlm {
  /** For the Anthropic SDK's `baseURL` / `ANTHROPIC_BASE_URL`. */
  anthropicBaseUrl: string;
  /** For genai's `httpOptions.baseUrl` / `GEMINI_BASE_URL`. */
  geminiBaseUrl: string;
  /** Scripted turns, consumed in order (a turn with `provider` only by that provider). */
  enqueue(...turns: MockTurn[]): void;
  /** Answers chat requests when no scripted turn is left. */
  setHandler(handler: MockHandler | undefined): void;
  /** Every request received, in order. */
  readonly requests: MockLlmRequest[];
  /** Scripted turns not consumed yet. */
  readonly pending: number;
  /**
   * Answer every embedding request with this HTTP status (an outage) until called with `undefined`;
   * scripted `embed` turns still win.
   */
  failEmbeddings(status: number | undefined): void;
  /** TCP connections clients opened so far: far fewer than requests when the SDKs keep connections alive. */
  readonly connections: number;
  /** Chat requests answered since the last `reset` (counted even when `record` is off). */
  readonly answered: number;
  /** Forget turns, handler, the embedding outage, recorded requests and the answered count. */
  reset(): void;
  close(): Promise<void>;
}

/** How the mock behaves beyond its scripted turns. */
export interface MockLlmOptions {
  /**
   * Every chat answer waits this long before it starts (a real model's pace, for throughput benchmarks);
   * a turn's own `delayMs` wins. Default 0.
   */
  latencyMs?: number;
  /** Keep every request in `requests` (default true); off for long benchmarks, so memory stays flat. */
  record?: boolean;
}

const GEMINI_PATH = /^\/v1beta\/models\/([^/:]+):([A-Za-z]+)$/;
const MAX_BODY = 20 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) out[key] = String(value);
  return out;
}

/** Resolves after `ms`, or early (false) when the client went away. */
function pause(ms: number, res: ServerResponse): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', onClose);
  });
}

async function write(res: ServerResponse, reply: Reply, chunkDelayMs: number): Promise<void> {
  if (reply.kind === 'json') {
    res.writeHead(reply.status, reply.headers);
    res.end(JSON.stringify(reply.body));
    return;
  }
  res.writeHead(200, reply.headers);
  for (const frame of reply.frames) {
    if (!(await pause(chunkDelayMs, res))) return;
    res.write(frame);
  }
  res.end();
}

/**
 * Starts the mock on an ephemeral port. It speaks the real wire formats (JSON and SSE) so the real
 * SDKs parse its answers; a chat request with no turn scripted gets HTTP 500 saying so.
 *
 * @example
 * const mock = await startMockLlm();
 * mock.enqueue({ toolCalls: [{ name: 'search_memory', input: { query: 'x' } }] }, { text: 'Pronto!' });
 * // ... run models against mock.anthropicBaseUrl / mock.geminiBaseUrl ...
 * await mock.close();
 */
export async function startMockLlm(options: MockLlmOptions = {}): Promise<MockLlm> {
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const record = options.record ?? true;
  let connections = 0;
  let answered = 0;
  const queue: MockTurn[] = [];
  const requests: MockLlmRequest[] = [];
  let handler: MockHandler | undefined;
  let embedOutage: number | undefined;
  let ids = 0;
  const nextId = () => String(++ids).padStart(6, '0');

  function take(request: MockLlmRequest): MockTurn | undefined {
    const index = queue.findIndex((t) =>
      request.kind === 'embed' ? t.provider === 'embed' : t.provider === undefined || t.provider === request.provider,
    );
    if (index >= 0) return queue.splice(index, 1)[0];
    if (request.kind === 'embed') return embedOutage === undefined ? undefined : { status: embedOutage };
    return handler?.(request);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const http = { method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, headers: headersOf(req) };
    const gemini = GEMINI_PATH.exec(url.pathname);
    if (req.method !== 'POST' || (url.pathname !== '/v1/messages' && !gemini)) {
      await write(
        res,
        { kind: 'json', status: 404, headers: {}, body: { error: `mock-llm: no route ${http.method} ${http.path}` } },
        0,
      );
      return;
    }
    const body = await readBody(req);
    const method = gemini?.[2] ?? '';
    const request = gemini ? parseGemini(http, gemini[1] ?? '', method, body) : parseAnthropic(http, body);
    if (record) requests.push(request);
    const error = request.provider === 'anthropic' ? anthropicError : geminiError;
    const turn = take(request);
    const delayMs = turn?.delayMs ?? (request.kind === 'chat' ? latencyMs : 0);
    if (!(await pause(delayMs, res))) return;
    if (turn?.status !== undefined && turn.status >= 400) {
      await write(res, error(turn.status, turn.errorMessage ?? `mock-llm: scripted error ${turn.status}`, turn), 0);
      return;
    }
    if (request.kind === 'embed') {
      await write(res, geminiEmbedReply(request, method), 0);
      return;
    }
    if (!turn) {
      const message = `mock-llm: no scripted turn left for ${request.provider} ${http.method} ${http.path}`;
      await write(res, error(500, message), 0);
      return;
    }
    answered++;
    const reply = request.provider === 'anthropic' ? anthropicReply(turn, request, nextId) : geminiReply(turn, request);
    await write(res, reply, turn.chunkDelayMs ?? 0);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `mock-llm: ${e instanceof Error ? e.message : String(e)}` }));
    });
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    anthropicBaseUrl: base,
    geminiBaseUrl: base,
    requests,
    get connections() {
      return connections;
    },
    get answered() {
      return answered;
    },
    get pending() {
      return queue.length;
    },
    enqueue: (...turns) => {
      queue.push(...turns);
    },
    setHandler: (h) => {
      handler = h;
    },
    failEmbeddings: (status) => {
      embedOutage = status;
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      answered = 0;
      handler = undefined;
      embedOutage = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
