export { createGrpcMemoryBackend } from './grpc-memory-backend.js';
export { createToolServiceClient } from './grpc-tool-service-client.js';
export { IDEMPOTENCY_METADATA_KEY, idempotencyMetadata } from './idempotency-metadata.js';
export { type ProxyRule, proxyRules } from './proxy-rules.js';
export { LeadScoreLedger, type ProxyKit, proxyTools, remoteToolSource } from './proxy-tools.js';
export { type RemoteTool, RemoteToolCatalog } from './remote-tool-catalog.js';
export type { ToolServiceClient } from './tool-service-client.js';
