export { OFFLINE_POLICIES } from './registry.js';
