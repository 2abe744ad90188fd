export { RETENTION_RULES, valueSegment } from './retention-rules.js';
export { type RetentionDeps, retentionTools } from './retention-tools.js';
