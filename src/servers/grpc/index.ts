export { fromGrpcError, GrpcCallError, grpcStatusOf, RETRYABLE_CODES } from './grpc-errors.js';
export {
  createGrpcMemoryBackend,
  GrpcMemoryBackend,
  type GrpcMemoryBackendOptions,
  SEARCH_DEADLINES_MS,
} from './grpc-memory-backend.js';
export { createToolServiceClient, type ToolServiceClientOptions } from './grpc-tool-service-client.js';
export * as memoryWire from './memory-wire.js';
export { proxyTools } from './proxy-tools.js';
export type { RemoteToolInfo, ToolServiceClient } from './tool-service-client.js';
export { DEFAULT_DEADLINE_MS, type UnaryCallOptions, unaryCall } from './unary-call.js';
