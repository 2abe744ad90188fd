export type { CallContext, ContextDefaults } from './call-context.js';
export { callerMayAccess, contactIdOf, enforceAccess, requireContact } from './contact-scope.js';
export { createToolServer, type DynamicToolSource } from './create-tool-server.js';
export { defineResource, defineTool, type ResourceSpec, type ToolSpec } from './define-tool.js';
export { type IdempotencyScope, type IdempotencyStore, lastWrite, OnceRunner, type RecordWith } from './idempotency.js';
export { proseLanguageArg } from './prose-language.js';
export { ToolError } from './tool-error.js';
