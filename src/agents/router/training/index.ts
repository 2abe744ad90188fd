import { INTERNAL_TRAINING } from './internal.js';
import { MARKETING_TRAINING } from './marketing.js';
import { OPERATIONS_TRAINING } from './operations.js';
import { RETENTION_TRAINING } from './retention.js';
import { SALES_TRAINING } from './sales.js';
import { SUPPORT_TRAINING } from './support.js';

/**
 * The router's training utterances, by template id: PT-BR, English and Spanish messages written for the
 * intent classifier, on top of each template's own `intent_examples`. Data, not code: add a line where
 * the dev set shows a confusion, never a holdout message.
 */
export const ROUTER_TRAINING: Readonly<Record<string, readonly string[]>> = Object.freeze({
  ...RETENTION_TRAINING,
  ...SUPPORT_TRAINING,
  ...SALES_TRAINING,
  ...OPERATIONS_TRAINING,
  ...MARKETING_TRAINING,
  ...INTERNAL_TRAINING,
});
