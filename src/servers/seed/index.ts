export { isStoreEmpty, seedDemoData } from './seed-demo-data.js';
