export { formatTools } from './format-tools.js';
export { type Cell, markdownTable } from './markdown.js';
