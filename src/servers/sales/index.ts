export { salesTools } from './sales-tools.js';
