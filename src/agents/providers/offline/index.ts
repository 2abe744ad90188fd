export { OfflineModel } from './offline-model.js';
