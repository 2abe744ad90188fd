export { AnthropicModel, DEFAULT_ANTHROPIC_MODEL } from './anthropic-model.js';
