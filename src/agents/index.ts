export * from './errors.js';
export * from './events.js';
export * from './model/index.js';
export * from './runtime/index.js';
export * from './sessions/index.js';
export * from './tool.js';
