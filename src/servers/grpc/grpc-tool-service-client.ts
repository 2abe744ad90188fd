import * as grpc from '@grpc/grpc-js';
import { z } from 'zod';
import { CHANNEL_OPTIONS, serviceConstructor } from '../../shared/grpc/proto-loader.js';
import { InvalidInputError } from '../../shared/index.js';
import { type CallContext, ToolError } from '../framework/index.js';
import { idempotencyMetadata } from './idempotency-metadata.js';
import type { RemoteToolInfo, ToolServiceClient } from './tool-service-client.js';
import { DEFAULT_DEADLINE_MS, unaryCall } from './unary-call.js';

export interface ToolServiceClientOptions {
  /** host:port of the Go tool service (MCP_SERVER_HOST). */
  target: string;
  credentials?: grpc.ChannelCredentials;
  /** Sent as `auth_token` (MCP_AUTH_TOKEN in the seed). */
  authToken?: string;
  deadlineMs?: number;
  maxAttempts?: number;
  backoffMs?: number;
}

const ExecuteToolResponseSchema = z.object({
  result_json: z.string(),
  is_error: z.boolean().default(false),
  error_message: z.string().default(''),
  error_code: z.string().default(''),
});

const ListToolsResponseSchema = z.object({
  tools: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      parameters_json: z.string(),
      server: z.string().default(''),
    }),
  ),
});

function parseObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new InvalidInputError(`${what} is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError(`${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Creates the client of `ventros.tools.ToolService`. The tenant, contact and session of each call come
 * from the CallContext (trusted), the arguments as JSON. A result with `is_error` becomes a ToolError
 * (the model reads it); transport failures become typed errors (see fromGrpcError).
 */
export function createToolServiceClient(options: ToolServiceClientOptions): ToolServiceClient {
  const Service = serviceConstructor('tools.proto', 'ventros.tools.ToolService');
  const client = new Service(options.target, options.credentials ?? grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  const callOptions = (signal?: AbortSignal) => ({
    deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    maxAttempts: options.maxAttempts ?? 3,
    signal,
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
  });
  return {
    async listTools(tenantId: string, signal?: AbortSignal): Promise<RemoteToolInfo[]> {
      const request = { tenant_id: tenantId, auth_token: options.authToken ?? '' };
      const raw = await unaryCall(client, 'ListTools', request, callOptions(signal));
      // One tool with an unreadable schema is left out (catalog validation warns), not the whole list.
      return ListToolsResponseSchema.parse(raw).tools.map((t) => {
        let parameters: Record<string, unknown> | undefined;
        try {
          parameters = parseObject(t.parameters_json, `parameters of ${t.name}`);
        } catch {
          parameters = undefined;
        }
        return {
          name: t.name,
          description: t.description,
          ...(parameters ? { parameters } : {}),
          ...(t.server ? { server: t.server } : {}),
        };
      });
    },
    async executeTool(name: string, args: Record<string, unknown>, ctx: CallContext): Promise<Record<string, unknown>> {
      const request = {
        tool_name: name,
        arguments_json: JSON.stringify(args),
        auth_token: options.authToken ?? '',
        tenant_id: ctx.tenantId,
        contact_id: ctx.contactId ?? '',
        session_id: ctx.sessionId ?? '',
        audience: ctx.audience,
      };
      // ExecuteTool may have side effects (offers, tickets): retry only what never reached the service.
      // The call's idempotency key travels as metadata: the Go side answers a repeated key with its first result.
      const metadata = idempotencyMetadata(ctx.idempotencyKey);
      const raw = await unaryCall(client, 'ExecuteTool', request, {
        ...callOptions(ctx.signal),
        maxAttempts: 1,
        ...(metadata ? { metadata } : {}),
      });
      const response = ExecuteToolResponseSchema.parse(raw);
      if (response.is_error) {
        throw new ToolError(response.error_message || `${name} failed`, {
          ...(response.error_code ? { code: response.error_code } : {}),
        });
      }
      return parseObject(response.result_json, `result of ${name}`);
    },
    close() {
      client.close();
    },
  };
}
