export * from './local/index.js';
export * from './memory-backend.js';
export { memoryResources } from './memory-resources.js';
export { memoryTools } from './memory-tools.js';
