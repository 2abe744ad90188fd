import { Server, ServerCredentials, type ServerOptions, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { AgentApplication } from '../../agents/application/index.js';
import { serviceConstructor } from '../../shared/grpc/proto-loader.js';
import { type ApiTokens, callerOf } from '../api-tokens.js';
import { createAgentService } from './agent-service.js';
import { isMalformed, withMalformedRequests } from './malformed-request.js';
import { invalidArgument } from './status-of.js';

/** 50 MB messages, the spec's keepalive (10 s ping, 3 s timeout), gzip answers when the client accepts it. */
export const GRPC_SERVER_OPTIONS: ServerOptions = {
  'grpc.max_receive_message_length': 50 * 1024 * 1024,
  'grpc.max_send_message_length': 50 * 1024 * 1024,
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 3_000,
  'grpc.keepalive_permit_without_calls': 1,
  // A client's pings every 10 s (the spec's own client settings) must not be refused as abuse.
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
  'grpc.default_compression_algorithm': 2, // gzip
};

/** Every handler answers INVALID_ARGUMENT for a request whose bytes did not decode. */
function refusingMalformed(implementation: UntypedServiceImplementation): UntypedServiceImplementation {
  const guarded: UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(implementation)) {
    guarded[name] = ((
      call: { request: unknown; emit(event: 'error', error: Error): void },
      callback?: (error: unknown) => void,
    ) => {
      if (!isMalformed(call.request)) return (handler as (...args: unknown[]) => void)(call, callback);
      const error = invalidArgument(call.request.problem);
      if (callback) callback(error);
      else call.emit('error', Object.assign(new Error(error.details), error));
    }) as UntypedServiceImplementation[string];
  }
  return guarded;
}

export interface GrpcBridge {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `ventros.agents.AgentService` and `grpc.health.v1.Health` on `host:port` (port 0 picks a
 * free one). With API tokens configured, calls must carry `authorization: Bearer <token>`; a staff
 * token runs as staff, anything else as the customer whose message it is.
 */
export async function startGrpcBridge(options: {
  app: AgentApplication;
  port: number;
  host?: string;
  apiTokens: ApiTokens;
  defaultTenantId: string;
}): Promise<GrpcBridge> {
  const server = new Server(GRPC_SERVER_OPTIONS);
  const AgentService = serviceConstructor('agent.proto', 'ventros.agents.AgentService');
  server.addService(
    withMalformedRequests(AgentService.service),
    refusingMalformed(
      createAgentService({
        app: options.app,
        callerOf: (token, requestTenant) => callerOf(options.apiTokens, token, requestTenant, options.defaultTenantId),
      }),
    ),
  );
  const health = new HealthImplementation({ '': 'SERVING', 'ventros.agents.AgentService': 'SERVING' });
  health.addToServer(server);

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${options.host ?? '0.0.0.0'}:${options.port}`,
      ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    );
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        health.setStatus('', 'NOT_SERVING');
        // Let in-flight calls finish for a moment, then cut the rest.
        const timer = setTimeout(() => server.forceShutdown(), 5_000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
