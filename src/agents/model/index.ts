export * from './messages.js';
export type { Model, ModelRequest, ModelResponse, ModelStreamEvent, RequestContext } from './model.js';
