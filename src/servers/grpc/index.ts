export { createGrpcMemoryBackend } from './grpc-memory-backend.js';
export { createToolServiceClient } from './grpc-tool-service-client.js';
export { IDEMPOTENCY_METADATA_KEY, idempotencyMetadata } from './idempotency-metadata.js';
export { proxyTools } from './proxy-tools.js';
export type { ToolServiceClient } from './tool-service-client.js';
