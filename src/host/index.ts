export * from './config/index.js';
export { sanitizeArguments, toHostResult } from './connection/index.js';
export { HostError, type HostErrorCode, type HostErrorDetails } from './errors.js';
export {
  type CreateHostOptions,
  createHost,
  type HostPrompt,
  type HostResource,
  type HostResourceTemplate,
  type McpHost,
  type ReadResourceOptions,
} from './host.js';
export { isGlob, MAX_TOOL_NAME_LENGTH, matchesGlob, namespacedToolName, passesFilter } from './naming.js';
export { type ResourceOffer, resourceOwner, uriMatchesTemplate } from './resource-templates.js';
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
