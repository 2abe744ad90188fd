export { OfflineModel, type OfflineModelOptions } from './offline-model.js';
export type { OfflinePolicy } from './offline-policy.js';
