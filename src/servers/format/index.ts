export { formatTools } from './format-tools.js';
