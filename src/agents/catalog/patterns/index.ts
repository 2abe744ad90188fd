export { buildPatterns, type PatternAgents } from './build-patterns.js';
export type { PatternFactory } from './pattern-factory.js';
