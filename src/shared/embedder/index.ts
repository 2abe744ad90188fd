export { createEmbedder, type EmbedderEnv } from './create-embedder.js';
export { cosine, type Embedder } from './embedder.js';
export { GeminiEmbedder, type GeminiEmbedderOptions } from './gemini-embedder.js';
export { LocalEmbedder } from './local-embedder.js';
export { ABBREVIATIONS, contentWords, expandedWords, normalizeText } from './text-features.js';
