export { biTools } from './bi-tools.js';
