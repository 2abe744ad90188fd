export * from './template.js';
export * from './templates/index.js';
export * from './build-catalog.js';
export * from './coordinator.js';
export * from './execution-result.js';
export * from './format-guide/index.js';
export * from './knowledge-scope.js';
export * from './patterns/index.js';
