export { cosine, type Embedder } from './embedder.js';
export { LocalEmbedder } from './local-embedder.js';
export { contentWords, normalizeText } from './text-features.js';
