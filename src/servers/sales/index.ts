export { ASSIGNABLE_SCORE, calculateLeadScore, classify, type LeadScore, type LeadScoreInput } from './lead-score.js';
export type { SalesDeps } from './sales-context.js';
export { salesTools } from './sales-tools.js';
