export { createEmbedder, type EmbedderEnv } from './create-embedder.js';
export { cosine, type Embedder } from './embedder.js';
export { GeminiEmbedder, type GeminiEmbedderOptions } from './gemini-embedder.js';
export { LocalEmbedder } from './local-embedder.js';
export { contentWords, normalizeText } from './text-features.js';
