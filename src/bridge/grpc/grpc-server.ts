import { Server, ServerCredentials } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { AgentApplication } from '../../agents/application/index.js';
import { serviceConstructor } from '../../shared/grpc/proto-loader.js';
import { type ApiTokens, callerOf } from '../api-tokens.js';
import { createAgentService } from './agent-service.js';

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
  const server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
  const AgentService = serviceConstructor('agent.proto', 'ventros.agents.AgentService');
  server.addService(
    AgentService.service,
    createAgentService({
      app: options.app,
      callerOf: (token, requestTenant) => callerOf(options.apiTokens, token, requestTenant, options.defaultTenantId),
    }),
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
