import { randomUUID } from 'node:crypto';
import type { AgentApplication, AgentRequest } from '../../agents/application/index.js';
import { CancelledError, InvalidInputError, NotFoundError, VentrosError } from '../../shared/index.js';
import { toErrorResponse } from '../error-body.js';
import { executeRequest } from '../execute-body.js';
import { MAX_BODY_BYTES } from '../limits.js';
import { parseBody } from '../parse-input.js';
import { ClientFrameSchema, type MessageFrame, RunIdSchema, type ServerFrame } from './protocol.js';

export interface AgentSocketSessionOptions {
  app: AgentApplication;
  /** The tenant of the caller's token; `undefined` without tokens (then the frame's `tenant_id` or the default). */
  tokenTenantId: string | undefined;
  defaultTenantId: string;
  /** Runs in flight at once on this socket; one more gets a `rate_limited` error frame. */
  maxRuns: number;
  /** Writes one frame to the socket (a no-op once it is closed). */
  send(frame: ServerFrame): void;
}

/**
 * The state of one `/ws/agent` socket: decodes client frames, runs each message through
 * `app.stream()` and writes its events back tagged with the run id. Knows nothing of WebSockets, so
 * it is driven by whatever adapter delivers the frames (see `protocol.ts` for the wire format).
 */
export class AgentSocketSession {
  private readonly runs = new Map<string, AbortController>();
  private closed = false;

  constructor(private readonly options: AgentSocketSessionOptions) {}

  /** Runs in flight. */
  get inFlight(): number {
    return this.runs.size;
  }

  /** One frame from the client. Never throws: anything wrong becomes an error frame. */
  receive(data: unknown): void {
    if (this.closed) return;
    if (typeof data !== 'string') {
      this.fail(null, new InvalidInputError('send JSON text frames, not binary ones'));
      return;
    }
    if (data.length > MAX_BODY_BYTES) {
      this.fail(null, new VentrosError('payload_too_large', `frame over ${MAX_BODY_BYTES} bytes`));
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      this.fail(null, new InvalidInputError('frame is not valid JSON'));
      return;
    }
    let frame: ReturnType<typeof ClientFrameSchema.parse>;
    try {
      frame = parseBody(ClientFrameSchema, raw, 'frame');
    } catch (error) {
      this.fail(idOf(raw), error);
      return;
    }
    if (frame.type === 'cancel') this.cancel(frame.id);
    else this.start(frame);
  }

  /** The socket closed: cancel every run in flight; later frames are ignored. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const controller of this.runs.values()) controller.abort(new CancelledError('the socket closed'));
    this.runs.clear();
  }

  private cancel(id: string): void {
    const controller = this.runs.get(id);
    if (!controller) {
      this.fail(id, new NotFoundError(`no run "${id}" in flight`));
      return;
    }
    controller.abort(new CancelledError('cancelled by the client'));
  }

  private start(frame: MessageFrame): void {
    const id = frame.id ?? randomUUID();
    if (this.runs.has(id)) {
      this.fail(id, new VentrosError('conflict', `a run with id "${id}" is already in flight`));
      return;
    }
    if (this.runs.size >= this.options.maxRuns) {
      this.fail(
        id,
        new VentrosError('rate_limited', `at most ${this.options.maxRuns} runs may be in flight on one socket`),
      );
      return;
    }
    const agent = frame.agent ?? 'auto';
    const known = this.options.app.agents();
    if (agent !== 'auto' && !known.some((a) => a.type === agent)) {
      this.fail(id, new NotFoundError(`unknown agent "${agent}"`, { known: known.map((a) => a.type) }));
      return;
    }
    const controller = new AbortController();
    let request: AgentRequest;
    try {
      request = this.toRequest(agent, frame, controller.signal);
    } catch (error) {
      this.fail(id, error);
      return;
    }
    this.runs.set(id, controller);
    void this.run(id, request).finally(() => {
      if (this.runs.get(id) === controller) this.runs.delete(id);
    });
  }

  private toRequest(agent: string, frame: MessageFrame, signal: AbortSignal): AgentRequest {
    const tenantId = this.options.tokenTenantId ?? frame.tenant_id ?? this.options.defaultTenantId;
    // The socket carries a customer's conversation (a chat widget): customer audience, whatever the token.
    return executeRequest(agent, frame, tenantId, signal, 'customer');
  }

  /** Streams one run; ends with exactly one `result` or `error` frame for its id. */
  private async run(id: string, request: AgentRequest): Promise<void> {
    try {
      for await (const item of this.options.app.stream(request)) {
        if (item.type === 'result') {
          this.options.send({ type: 'result', id, result: item.result });
          return;
        }
        this.options.send({ ...item, id });
        // An error event ends the run (the app yields no result after one); leaving the loop stops
        // whatever the run still had going.
        if (item.type === 'error') return;
      }
      this.fail(id, new VentrosError('internal', 'the run ended without a result'));
    } catch (error) {
      this.fail(id, error);
    }
  }

  private fail(id: string | null, error: unknown): void {
    const { body } = toErrorResponse(error);
    this.options.send({ type: 'error', id, ...body.error });
  }
}

/** The `id` of a frame that failed validation, when it has a usable one (so the client can match the error). */
function idOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  const parsed = RunIdSchema.safeParse(raw.id);
  return parsed.success ? parsed.data : null;
}
