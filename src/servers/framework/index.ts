export { type CallContext, type ContextDefaults, createCallContext } from './call-context.js';
export { type ContactLookup, contactIdOf, requireContact } from './contact-scope.js';
export { createToolServer, DEFAULT_TOOL_TIMEOUT_MS, type ToolServerOptions } from './create-tool-server.js';
export {
  defineResource,
  defineTool,
  type ResourceEntry,
  type ResourceSpec,
  type ToolAnnotations,
  type ToolSpec,
} from './define-tool.js';
export { ToolError } from './tool-error.js';
export { errorResult, META_ERROR, successResult } from './tool-result.js';
