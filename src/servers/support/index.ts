export { supportTools } from './support-tools.js';
