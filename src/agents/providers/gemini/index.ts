export { DEFAULT_GEMINI_MODEL, GeminiModel } from './gemini-model.js';
