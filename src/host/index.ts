export { type HostConfig, loadHostConfig, parseHostConfig } from './config/index.js';
export { createHost, type HostPrompt, type HostResource, type HostResourceTemplate, type McpHost } from './host.js';
export type {
  BuiltinServerFactory,
  ElicitationHandler,
  HostCallContext,
  HostToolResult,
  SamplingHandler,
  ServerStatus,
  ToolInfo,
} from './types.js';
