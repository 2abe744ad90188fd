export { createGrpcMemoryBackend } from './grpc-memory-backend.js';
export { createToolServiceClient } from './grpc-tool-service-client.js';
export { proxyTools } from './proxy-tools.js';
export type { ToolServiceClient } from './tool-service-client.js';
