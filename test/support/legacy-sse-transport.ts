import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/core';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';

/** Larger bodies are refused (413), as the old SDK transport did. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The server side of MCP's old HTTP+SSE transport (protocol 2024-11-05), written out by hand so the host's
 * legacy `sse` client stays tested now that the SDK 2.x no longer ships it:
 * - `GET /sse` opens an event stream whose first event, `endpoint`, names where to POST
 *   (`<endpoint>?sessionId=<id>`);
 * - each POST carries one JSON-RPC message and is answered `202 Accepted` at once;
 * - everything the server sends (responses, requests, notifications) goes down the stream as `message` events.
 */
export class LegacySseServerTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  #closed = false;

  /** `endpoint` is the POST path announced to the client; `stream` is the open `GET /sse` response. */
  constructor(
    private readonly endpoint: string,
    private readonly stream: ServerResponse,
  ) {}

  async start(): Promise<void> {
    this.stream.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    this.stream.write(`event: endpoint\ndata: ${this.endpoint}?sessionId=${this.sessionId}\n\n`);
    this.stream.on('close', () => this.#finish());
  }

  /** One `POST <endpoint>?sessionId=…`: 202 for a JSON-RPC message (then delivered), 400 otherwise. */
  async handlePostMessage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.#closed) {
      res.writeHead(404).end('session closed');
      return;
    }
    let text = '';
    try {
      text = await readBody(req);
    } catch (error) {
      res.writeHead(413).end(String(error));
      return;
    }
    let parsed: ReturnType<typeof JSONRPCMessageSchema.safeParse>;
    try {
      parsed = JSONRPCMessageSchema.safeParse(JSON.parse(text));
    } catch {
      res.writeHead(400).end('Invalid message: not JSON');
      return;
    }
    if (!parsed.success) {
      res.writeHead(400).end('Invalid message: not a JSON-RPC message');
      return;
    }
    res.writeHead(202).end('Accepted');
    this.onmessage?.(parsed.data);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.#closed) throw new Error('the SSE stream is closed');
    this.stream.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  async close(): Promise<void> {
    this.stream.end();
    this.#finish();
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.onclose?.();
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
