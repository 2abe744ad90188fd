export {
  AnthropicModel,
  type AnthropicModelOptions,
  DEFAULT_ANTHROPIC_MODEL,
  toAnthropicMessages,
} from './anthropic/anthropic-model.js';
export { classifyModelError, retryAfterMsOf } from './classify-error.js';
export {
  type CreateModelOptions,
  createModel,
  defaultModelSpec,
  type ModelEnv,
  type ModelSpec,
  parseModelSpec,
} from './create-model.js';
export {
  ModelAuthError,
  ModelBadRequestError,
  ModelError,
  ModelOverloadedError,
  type ModelProvider,
  ModelRateLimitedError,
  ModelUnavailableError,
} from './errors.js';
export {
  DEFAULT_GEMINI_MODEL,
  type GeminiContentsOptions,
  GeminiModel,
  type GeminiModelOptions,
  requiresSignatures,
  SKIP_SIGNATURE_VALIDATOR,
  toGeminiContents,
} from './gemini/gemini-model.js';
export { toGeminiSchema } from './gemini/gemini-schema.js';
export { OfflineModel, type OfflineModelOptions, type OfflinePolicy } from './offline/index.js';
export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  type RetryContext,
  type RetryPolicy,
  withRetry,
  withStreamRetry,
} from './retry.js';
