export * from './messages.js';
export type { Model, ModelRequest, ModelResponse, ModelStreamEvent, OfflinePolicy } from './model.js';
