import type { AgentTemplateInput } from '../template.js';
import { retentionChurn } from './retention-churn.js';
import { retentionUpsell } from './retention-upsell.js';
import { retentionWinback } from './retention-winback.js';

/** Retention: churn prevention, upsell of active customers, win-back of former ones. */
export const RETENTION_TEMPLATES: readonly AgentTemplateInput[] = [retentionChurn, retentionUpsell, retentionWinback];
