import {
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  status,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { z } from 'zod';
import { errorFromEvent } from '../../agents/application/error-from-event.js';
import type { AgentApplication, AgentRequest } from '../../agents/application/index.js';
import type { ErrorEvent } from '../../agents/events.js';
import type { Audience } from '../../shared/index.js';
import { traceparentFrom } from '../../shared/telemetry/traceparent.js';
import { bearerToken } from '../api-tokens.js';
import {
  toAgentRequest,
  toWireAgentInfo,
  toWireCategory,
  toWireChunk,
  toWireResponse,
  WireExecuteRequestSchema,
} from './agent-wire.js';
import { createApprovalHandlers } from './approval-service.js';
import { settleBounded } from './bounded-map.js';
import {
  type DetailedServiceError,
  detailedError,
  type ErrorDetails,
  errorDetailsOf,
  isDetailedError,
} from './error-details.js';
import { isMalformed } from './malformed-request.js';
import { invalidArgument, toServiceError } from './status-of.js';

export interface AgentServiceDeps {
  app: AgentApplication;
  /**
   * The caller of a call: tenant and role from its bearer token when tokens are configured, else the
   * request's tenant (or the default) and no role; undefined when unauthenticated.
   */
  callerOf(metadataToken: string | undefined, requestTenant: string): { tenantId: string; role?: Audience } | undefined;
}

const unauthenticated = () =>
  detailedError(status.UNAUTHENTICATED, {
    code: 'UNAUTHENTICATED',
    message: 'a valid bearer token is required',
    suggestions: ['send `authorization: Bearer <token>` metadata with a token of VENTROS_API_TOKENS'],
  });

/** NOT_FOUND for an agent nobody defined, suggesting the agents whose names share a word with it. */
function agentNotFound(type: string, known: readonly string[]): DetailedServiceError {
  const words = type
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2);
  const near = known.filter((k) => words.some((w) => k.includes(w))).slice(0, 3);
  return detailedError(status.NOT_FOUND, {
    code: 'AGENT_NOT_FOUND',
    message: `unknown agent_type "${type}"`,
    metadata: { agent_type: type },
    suggestions: [...near.map((k) => `Try ${k}`), 'Use "auto" to route by the message'],
  });
}

/** A batch's bounds: the size of one call, and runs in flight for it. */
const MAX_BATCH = 50;
const DEFAULT_BATCH_PARALLEL = 4;
const MAX_BATCH_PARALLEL = 16;

/** The ErrorDetails of a failed batch item: the one the same failure would carry on ExecuteAgent. */
function batchErrorDetails(reason: unknown): ErrorDetails {
  const error = isDetailedError(reason) ? reason : toServiceError(reason);
  return errorDetailsOf(error.metadata) ?? { code: 'INTERNAL', message: 'internal error' };
}

/** gRPC carries the CRM's customer messages: customer, unless a staff token calls. */
const audienceOf = (caller: { role?: Audience }): Audience => (caller.role === 'staff' ? 'staff' : 'customer');

function parseExecute(request: unknown) {
  if (isMalformed(request)) return { ok: false as const, details: request.problem };
  const parsed = WireExecuteRequestSchema.safeParse(request);
  if (parsed.success) return { ok: true as const, value: parsed.data };
  return {
    ok: false as const,
    details: parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '),
  };
}

/**
 * Ends a server stream with an error status. grpc-js sends the status from the stream's `error` event
 * (`destroy` would close the stream before the status goes out, and the client would wait forever).
 */
function fail(call: ServerWritableStream<unknown, unknown>, error: DetailedServiceError): void {
  call.emit('error', Object.assign(new Error(error.details), error));
}

/** The request with the caller's W3C trace context from the call's `traceparent` metadata, if any. */
function traced(call: { metadata: { get(key: string): Array<string | Buffer> } }, request: AgentRequest): AgentRequest {
  const traceparent = traceparentFrom({ traceparent: call.metadata.get('traceparent')[0] });
  return traceparent ? { ...request, traceparent } : request;
}

function bearer(call: { metadata: { get(key: string): Array<string | Buffer> } }): string | undefined {
  return bearerToken(call.metadata.get('authorization')[0]);
}

/** `ventros.agents.AgentService`: decode, call the application, encode; errors per the spec's table. */
export function createAgentService(deps: AgentServiceDeps): UntypedServiceImplementation {
  const { app } = deps;
  const agentExists = (wire: { agent_type: string; agent_id: string }) =>
    wire.agent_id !== '' || wire.agent_type === 'auto' || app.agents().some((a) => a.type === wire.agent_type);
  const notFound = (type: string) =>
    agentNotFound(
      type,
      app.agents().map((a) => a.type),
    );

  return {
    ...createApprovalHandlers(app, deps.callerOf),
    ListAvailableAgents(_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      const agents = app.agents().map(toWireAgentInfo);
      callback(null, { agents, total_count: agents.length });
    },

    GetAgentCapabilities(call: ServerUnaryCall<{ agent_type?: string }, unknown>, callback: sendUnaryData<unknown>) {
      const type = call.request.agent_type ?? '';
      const agent = app.agents().find((a) => a.type === type);
      if (!agent) return callback(notFound(type));
      callback(null, {
        agent: toWireAgentInfo(agent),
        schema: {
          input_fields: [
            {
              name: 'message',
              type: 'string',
              required: true,
              description: "The customer's message",
              default_value: '',
            },
            { name: 'contact_id', type: 'string', required: false, description: 'CRM contact id', default_value: '' },
            { name: 'session_id', type: 'string', required: false, description: 'Conversation id', default_value: '' },
            { name: 'channel_id', type: 'string', required: false, description: 'Channel id', default_value: '' },
            { name: 'context', type: 'object', required: false, description: 'Additional context', default_value: '' },
          ],
          output_fields: [
            { name: 'response', type: 'string', required: true, description: 'The answer', default_value: '' },
            { name: 'intent', type: 'string', required: true, description: 'Classified intent', default_value: '' },
            { name: 'confidence', type: 'float', required: true, description: '0..1', default_value: '' },
          ],
        },
        examples: (agent.intent_examples ?? [])
          .slice(0, 3)
          .map((message) => ({ input: { message }, output: {}, description: 'intent example' })),
      });
    },

    ExecuteAgent(call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      const parsed = parseExecute(call.request);
      if (!parsed.ok) return callback(invalidArgument(parsed.details));
      const wire = parsed.value;
      if (wire.options?.stream_response) {
        return callback(
          invalidArgument('options.stream_response asks for a stream, which ExecuteAgent cannot send', [
            'call StreamAgentExecution with the same request',
          ]),
        );
      }
      if (!agentExists(wire)) return callback(notFound(wire.agent_type));
      const caller = deps.callerOf(bearer(call), wire.tenant_id);
      if (!caller) return callback(unauthenticated());
      const abort = new AbortController();
      call.on('cancelled', () => abort.abort());
      app
        .execute(traced(call, toAgentRequest(wire, caller.tenantId, abort.signal, audienceOf(caller))))
        .then((result) => callback(null, toWireResponse(result)))
        .catch((error: unknown) => callback(toServiceError(error)));
    },

    ExecuteAgentBatch(
      call: ServerUnaryCall<{ requests?: unknown[]; max_parallel?: number }, unknown>,
      callback: sendUnaryData<unknown>,
    ) {
      const items = call.request.requests ?? [];
      if (items.length === 0 || items.length > MAX_BATCH) {
        return callback(invalidArgument(`requests: between 1 and ${MAX_BATCH} executions, got ${items.length}`));
      }
      const parallel = call.request.max_parallel || DEFAULT_BATCH_PARALLEL;
      if (parallel < 1 || parallel > MAX_BATCH_PARALLEL) {
        return callback(invalidArgument(`max_parallel: between 1 and ${MAX_BATCH_PARALLEL}, got ${parallel}`));
      }
      const abort = new AbortController();
      call.on('cancelled', () => abort.abort());
      void settleBounded(items, parallel, async (item) => {
        const parsed = parseExecute(item);
        if (!parsed.ok) throw invalidArgument(parsed.details);
        const wire = parsed.value;
        if (wire.options?.stream_response) throw invalidArgument('options.stream_response: a batch cannot stream');
        if (!agentExists(wire)) throw notFound(wire.agent_type);
        const caller = deps.callerOf(bearer(call), wire.tenant_id);
        if (!caller) throw unauthenticated();
        const request = traced(call, toAgentRequest(wire, caller.tenantId, abort.signal, audienceOf(caller)));
        return toWireResponse(await app.execute(request));
      }).then((settled) => {
        const errors = settled.flatMap((outcome, index) =>
          outcome.status === 'rejected' ? [{ index, details: batchErrorDetails(outcome.reason) }] : [],
        );
        const responses = settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : {}));
        callback(null, { responses, errors });
      });
    },

    StreamAgentExecution(call: ServerWritableStream<unknown, unknown>) {
      const parsed = parseExecute(call.request);
      if (!parsed.ok) return fail(call, invalidArgument(parsed.details));
      const wire = parsed.value;
      if (!agentExists(wire)) return fail(call, notFound(wire.agent_type));
      const caller = deps.callerOf(bearer(call), wire.tenant_id);
      if (!caller) return fail(call, unauthenticated());
      const abort = new AbortController();
      call.on('cancelled', () => abort.abort());
      void (async () => {
        try {
          let lastError: ErrorEvent | undefined;
          let answered = false;
          for await (const item of app.stream(
            traced(call, toAgentRequest(wire, caller.tenantId, abort.signal, audienceOf(caller))),
          )) {
            if (item.type === 'error') lastError = item;
            if (item.type === 'result') answered = true;
            const chunk = toWireChunk(item);
            if (chunk && !call.writableEnded) call.write(chunk);
          }
          // A failed run ends with a status, as ExecuteAgent would, not with OK after an ERROR chunk.
          if (!answered && lastError) throw errorFromEvent(lastError);
          call.end();
        } catch (error) {
          fail(call, toServiceError(error));
        }
      })();
    },

    ListAgentTemplates(call: ServerUnaryCall<{ category?: string }, unknown>, callback: sendUnaryData<unknown>) {
      const category = (call.request.category ?? '').toLowerCase();
      const templates = app
        .templates()
        .filter((t) => !category || t.category === category)
        .map(toWireTemplate);
      callback(null, { templates, total_count: templates.length });
    },

    GetAgentTemplate(call: ServerUnaryCall<{ template_id?: string }, unknown>, callback: sendUnaryData<unknown>) {
      const id = call.request.template_id ?? '';
      const template = app.templates().find((t) => t.template_id === id);
      if (!template) {
        return callback(
          detailedError(status.NOT_FOUND, {
            code: 'TEMPLATE_NOT_FOUND',
            message: `unknown template_id "${id}"`,
            metadata: { template_id: id },
            suggestions: ['ListAgentTemplates lists the template ids'],
          }),
        );
      }
      callback(null, toWireTemplate(template));
    },
  };
}

const TemplateWireSchema = z
  .object({ template_id: z.string(), category: z.string(), model: z.string().optional() })
  .passthrough();

function toWireTemplate(template: unknown) {
  const t = TemplateWireSchema.parse(template);
  return { ...t, category: toWireCategory(t.category), model: t.model ?? '' };
}
