import type { AgentTemplateInput } from '../template.js';
import { retentionChurn } from './retention-churn.js';
import { RETENTION_SUPERVISOR_ID, retentionSupervisor } from './retention-supervisor.js';
import { retentionUpsell } from './retention-upsell.js';
import { retentionWinback } from './retention-winback.js';

/** Retention: churn prevention, upsell of active customers, win-back of former ones. */
export const RETENTION_TEMPLATES: readonly AgentTemplateInput[] = [retentionChurn, retentionUpsell, retentionWinback];

export { RETENTION_SUPERVISOR_ID };

/**
 * Agents other agents use as tools and nobody is routed to (the retention supervisor): templates, but
 * not specialists of the coordinator.
 */
export const TOOL_AGENT_TEMPLATES: readonly AgentTemplateInput[] = [retentionSupervisor];
