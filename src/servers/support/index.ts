export { type SupportDeps, supportTools } from './support-tools.js';
