export { biTools, QueryCache, resolvePeriod } from './bi/index.js';
export { formatTools } from './format/index.js';
export {
  type CallContext,
  contactIdOf,
  createToolServer,
  defineResource,
  defineTool,
  type ResourceSpec,
  ToolError,
  type ToolServerOptions,
  type ToolSpec,
} from './framework/index.js';
export {
  createGrpcMemoryBackend,
  createToolServiceClient,
  GrpcCallError,
  GrpcMemoryBackend,
  proxyTools,
  type ToolServiceClient,
} from './grpc/index.js';
export {
  contextDefaults,
  createServerByName,
  isServerName,
  openServerDeps,
  openStandaloneServer,
  SERVER_DESCRIPTIONS,
  SERVER_NAMES,
  type ServerDeps,
  type ServerName,
  type StandaloneServer,
  toolsForServer,
} from './registry.js';
export { RETENTION_RULES, retentionTools } from './retention/index.js';
export { ASSIGNABLE_SCORE, calculateLeadScore, salesTools } from './sales/index.js';
export { isStoreEmpty, seedDemoData } from './seed/index.js';
export { type CrmStore, openCrmStore } from './store/index.js';
export { supportTools } from './support/index.js';
