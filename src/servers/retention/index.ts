export { retentionTools } from './retention-tools.js';
