export { renderFormatGuide } from './render-format-guide.js';
