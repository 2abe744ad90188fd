export {
  addUsage,
  type ContentPart,
  type JsonSchema,
  type Message,
  type StopReason,
  type ToolDefinition,
  type ToolResultPart,
  type ToolUsePart,
  textOf,
  toolUsesOf,
  type Usage,
  userText,
  ZERO_USAGE,
} from './messages.js';
export type { Model, ModelRequest, ModelResponse, ModelStreamEvent } from './model.js';
