export { buildWorkflows, type Workflows } from './build-workflows.js';
export type { PatternFactory } from './pattern-factory.js';
