export { LocalMemoryBackend } from './local-memory-backend.js';
