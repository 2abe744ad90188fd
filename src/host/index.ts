export * from './config/index.js';
export { sanitizeArguments, toHostResult } from './connection/index.js';
export { HostError, type HostErrorCode, type HostErrorDetails } from './errors.js';
export { type CreateHostOptions, createHost, type HostPrompt, type HostResource, type McpHost } from './host.js';
export { isGlob, MAX_TOOL_NAME_LENGTH, matchesGlob, namespacedToolName, passesFilter } from './naming.js';
export { buildCatalog, findTool, resolveSelection, type ToolResolution } from './tool-catalog.js';
export type {
  BuiltinServerFactory,
  ElicitationHandler,
  HostCallContext,
  HostTool,
  HostToolProgress,
  HostToolResult,
  JsonSchemaObject,
  McpServerLike,
  SamplingHandler,
  ServerStatus,
  ToolInfo,
} from './types.js';
