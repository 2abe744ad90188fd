import {
  type ChannelOptions,
  credentials,
  type Client as GrpcClient,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { type GrpcBridge, startGrpcBridge } from '../../../src/bridge/index.js';
import { serviceConstructor } from '../../../src/shared/grpc/proto-loader.js';

type Unary = (
  request: unknown,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: unknown) => void,
) => void;

/** A client of `ventros.agents.AgentService`, its unary methods by name. */
export type AgentClient = GrpcClient & Record<string, Unary>;

/** A client on the loopback port of a test's gRPC bridge. */
export function agentClient(port: number, options?: ChannelOptions): AgentClient {
  const AgentService = serviceConstructor('agent.proto', 'ventros.agents.AgentService');
  return new AgentService(`127.0.0.1:${port}`, credentials.createInsecure(), options) as unknown as AgentClient;
}

/** One unary call; rejects with the ServiceError. */
export function callUnary(client: AgentClient, method: string, request: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    client[method]!.call(client, request, new Metadata(), (error, response) =>
      error ? reject(error) : resolve(response as Record<string, unknown>),
    );
  });
}

/** The gRPC bridge of a test's app on a free loopback port: tenant-demo by default, no tokens. */
export function startLoopbackBridge(app: Parameters<typeof startGrpcBridge>[0]['app']): Promise<GrpcBridge> {
  return startGrpcBridge({ app, port: 0, host: '127.0.0.1', defaultTenantId: 'tenant-demo', apiTokens: new Map() });
}
