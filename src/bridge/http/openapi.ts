import { z } from 'zod';
import {
  ApprovalDecisionInputSchema,
  ApprovalViewSchema,
  ExecutionResultSchema,
} from '../../agents/application/index.js';
import { ExecuteBodySchema } from '../execute-body.js';

/** `{ error: { code, message, details? } }`, every error answer (see error-body.ts). */
const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

const AgentInfoSchema = z.object({
  type: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  tools: z.array(z.string()),
  customer_facing: z.boolean(),
  intent_examples: z.array(z.string()).optional(),
  avg_latency_ms: z.number(),
});

type Json = Record<string, unknown>;

const schema = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (body: Json) => ({ 'application/json': { schema: body } });
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [String(code), { description: ERROR_TEXT[code], content: json(ref('Error')) }]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'invalid input',
  401: 'missing or unknown bearer token',
  403: 'not allowed for this caller (staff only, or another tenant)',
  404: 'unknown agent, workflow or session',
  408: 'the request body did not arrive in time',
  413: 'body over 1 MiB',
  409: 'already decided',
  429: "over the tenant's limits",
  503: 'not configured (workflows need DATABASE_URL)',
  504: 'the run deadline passed',
};
const typeParam = {
  name: 'type',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' },
  description: 'an agent type, e.g. retention_churn, or auto',
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const execute = (summary: string, staff: boolean) => ({
  summary,
  security: [{ bearer: [] }, {}],
  requestBody: { required: true, content: json(ref('ExecuteRequest')) },
  responses: {
    200: {
      description: 'the execution result; with options.stream_response, server-sent events ending in `result`',
      content: { ...json(ref('ExecutionResult')), 'text/event-stream': { schema: { type: 'string' } } },
    },
    ...errors(400, 401, ...(staff ? [403] : []), 404, 413, 429, 504),
  },
});
const listOf = (item: Json) => ({ type: 'object', additionalProperties: true, properties: { items: item } });

let cached: Json | undefined;

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the same zod schemas the routes validate with
 * (served at `/openapi.json`). `test/bridge/http/openapi.test.ts` fails when a route is missing here.
 */
export function openApiDocument(): Json {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Ventros agent host',
      version: '0.1.0',
      description:
        'CRM specialist agents whose tools are MCP servers. Without VENTROS_API_TOKENS only localhost is served; ' +
        'with tokens every /api route needs `Authorization: Bearer <token>`, and staff routes a staff token.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ExecuteRequest: schema(ExecuteBodySchema, 'input'),
        ExecutionResult: schema(ExecutionResultSchema, 'output'),
        AgentInfo: schema(AgentInfoSchema, 'output'),
        Approval: schema(ApprovalViewSchema, 'output'),
        ApprovalDecision: schema(ApprovalDecisionInputSchema, 'input'),
        Error: schema(ErrorBodySchema, 'output'),
      },
    },
    paths: {
      '/health': { get: { summary: 'liveness and what is connected', responses: { 200: { description: 'ok' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition' } } } },
      '/openapi.json': { get: { summary: 'this document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/api/agents': {
        get: {
          summary: 'every agent',
          responses: {
            200: {
              description: 'the agents',
              content: json({
                type: 'object',
                properties: { agents: { type: 'array', items: ref('AgentInfo') }, total_count: { type: 'integer' } },
              }),
            },
            ...errors(401),
          },
        },
      },
      '/api/agents/{type}': {
        get: {
          summary: 'one agent',
          parameters: [typeParam],
          responses: { 200: { description: 'the agent', content: json(ref('AgentInfo')) }, ...errors(401, 404) },
        },
      },
      '/api/agents/message': { post: execute("a customer's message, routed to the right agent", false) },
      '/api/agents/{type}/execute': { post: { ...execute('run one agent (staff)', true), parameters: [typeParam] } },
      '/api/agents/{type}/stream': {
        post: { ...execute('run one agent as server-sent events (staff)', true), parameters: [typeParam] },
      },
      '/api/tenants': {
        get: { summary: 'tenants (staff)', responses: { 200: { description: 'tenants' }, ...errors(401, 403) } },
      },
      '/api/contacts': {
        get: {
          summary: 'search contacts by name, id, phone, e-mail or company (staff)',
          parameters: ['tenant_id', 'q', 'limit'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          responses: { 200: { description: 'contacts' }, ...errors(400, 401, 403) },
        },
      },
      '/api/sessions/{id}': {
        get: {
          summary: "a session's state and history (staff)",
          parameters: [idParam, { name: 'tenant_id', in: 'query', schema: { type: 'string' } }],
          responses: { 200: { description: 'the session' }, ...errors(401, 403, 404) },
        },
      },
      '/api/evals/latest': {
        get: {
          summary: 'the latest `ventros eval` report (staff)',
          responses: { 200: { description: 'report' }, ...errors(401, 403, 404) },
        },
      },
      '/api/approvals': {
        get: {
          summary: 'gated actions waiting for (or decided by) a person, newest first (staff)',
          parameters: [
            { name: 'status', in: 'query', schema: { enum: ['pending', 'approved', 'rejected', 'expired'] } },
          ],
          responses: {
            200: {
              description: 'approvals',
              content: json({
                type: 'object',
                properties: { approvals: { type: 'array', items: ref('Approval') }, total_count: { type: 'integer' } },
              }),
            },
            ...errors(400, 401, 403, 503),
          },
        },
      },
      '/api/approvals/{id}': {
        get: {
          summary: 'one approval (staff; another tenant’s is 404)',
          parameters: [idParam],
          responses: { 200: { description: 'the approval', content: json(ref('Approval')) }, ...errors(401, 403, 404) },
        },
        post: {
          summary: 'decide: the paused run resumes at the waiting call (staff)',
          parameters: [idParam],
          requestBody: { required: true, content: json(ref('ApprovalDecision')) },
          responses: {
            200: { description: "the resumed run's execution result", content: json(ref('ExecutionResult')) },
            202: { description: 'decided; the resumed run had not finished in time', content: json(ref('Approval')) },
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      '/api/usage': {
        get: {
          summary: "each tenant's requests, model tokens and estimated cost today, and its limits (staff)",
          parameters: [{ name: 'tenant_id', in: 'query', schema: { type: 'string' } }],
          responses: {
            200: {
              description: 'usage per tenant',
              content: json({ type: 'object', properties: { tenants: { type: 'array' } } }),
            },
            ...errors(401, 403),
          },
        },
      },
      '/api/workflows': {
        get: {
          summary: 'durable workflows (staff)',
          parameters: ['status', 'workflow', 'contact_id'].map((name) => ({
            name,
            in: 'query',
            schema: { type: 'string' },
          })),
          responses: { 200: { description: 'workflows', content: json(listOf({})) }, ...errors(400, 401, 403, 503) },
        },
      },
      '/api/workflows/{name}': {
        post: {
          summary: 'start a workflow for a contact, once (staff)',
          parameters: [
            {
              name: 'name',
              in: 'path',
              required: true,
              schema: { enum: ['lead_nurturing', 'customer_onboarding', 'retention_campaign'] },
            },
          ],
          requestBody: {
            required: true,
            content: json({ type: 'object', properties: { contact_id: { type: 'string' } }, required: ['contact_id'] }),
          },
          responses: {
            200: { description: 'already running' },
            201: { description: 'started' },
            ...errors(400, 401, 403, 404, 503),
          },
        },
      },
      '/api/workflows/{id}': {
        get: {
          summary: 'one workflow with its steps (staff)',
          parameters: [idParam],
          responses: { 200: { description: 'the workflow' }, ...errors(401, 403, 404, 503) },
        },
        delete: {
          summary: 'cancel a workflow (staff)',
          parameters: [idParam],
          responses: { 200: { description: 'cancelled' }, ...errors(401, 403, 404, 503) },
        },
      },
    },
  };
  return cached;
}
