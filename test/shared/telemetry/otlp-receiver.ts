import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One span as it arrived over OTLP/HTTP JSON, with its attributes decoded to plain values. */
export interface ReceivedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, string | number | boolean>;
  status: { code: number; message?: string };
  events: Array<{ name: string; attributes: Record<string, string | number | boolean> }>;
  resource: Record<string, string | number | boolean>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpKeyValue {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes?: OtlpKeyValue[];
  events?: Array<{ name: string; attributes?: OtlpKeyValue[] }>;
  status?: { code?: number; message?: string };
}
interface OtlpBody {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
  }>;
}

/**
 * A real OTLP/HTTP collector stand-in on 127.0.0.1:0: it accepts JSON on `/v1/traces` (gzip too),
 * keeps every raw body (to search for leaked text) and the decoded spans, and answers `status`.
 */
export class OtlpReceiver {
  readonly bodies: string[] = [];
  readonly spans: ReceivedSpan[] = [];
  readonly contentTypes: string[] = [];
  readonly paths: string[] = [];
  /** HTTP status to answer with (200 accepts; 400 makes the exporter fail without retrying). */
  status = 200;
  private server: Server | undefined;

  /** `http://127.0.0.1:<port>`. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      void readBody(req).then(
        (raw) => {
          this.paths.push(req.url ?? '');
          this.contentTypes.push(req.headers['content-type'] ?? '');
          const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
          this.bodies.push(text);
          if (this.status === 200) this.spans.push(...decode(JSON.parse(text) as OtlpBody));
          res.writeHead(this.status, { 'content-type': 'application/json' }).end('{}');
        },
        () => res.writeHead(500).end(),
      );
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * The only span named `name` (or `name <target>`, as GenAI spans are: `chat <model>`) with
   * `attribute=value` (throws when there is not exactly one).
   */
  one(name: string, attribute?: [string, string | number | boolean]): ReceivedSpan {
    const found = this.spans.filter(
      (s) => named(s, name) && (attribute === undefined || s.attributes[attribute[0]] === attribute[1]),
    );
    if (found.length !== 1)
      throw new Error(`expected one span ${name} ${attribute?.join('=') ?? ''}, got ${found.length}`);
    return found[0] as ReceivedSpan;
  }

  /** The spans named `name` (or `name <target>`) whose parent is `parent`, in arrival order. */
  children(parent: ReceivedSpan, name: string): ReceivedSpan[] {
    return this.spans.filter((s) => s.parentSpanId === parent.spanId && named(s, name));
  }
}

const named = (span: ReceivedSpan, name: string) => span.name === name || span.name.startsWith(`${name} `);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decode(body: OtlpBody): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of body.resourceSpans ?? []) {
    const resource = attributesOf(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        out.push({
          name: span.name,
          traceId: span.traceId,
          spanId: span.spanId,
          ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
          attributes: attributesOf(span.attributes),
          status: { code: span.status?.code ?? 0, ...(span.status?.message ? { message: span.status.message } : {}) },
          events: (span.events ?? []).map((e) => ({ name: e.name, attributes: attributesOf(e.attributes) })),
          resource,
        });
      }
    }
  }
  return out;
}

function attributesOf(list: OtlpKeyValue[] | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const { key, value } of list ?? []) {
    if (value.stringValue !== undefined) out[key] = value.stringValue;
    else if (value.intValue !== undefined) out[key] = Number(value.intValue);
    else if (value.doubleValue !== undefined) out[key] = value.doubleValue;
    else if (value.boolValue !== undefined) out[key] = value.boolValue;
  }
  return out;
}
