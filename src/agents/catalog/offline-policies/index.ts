import { NotFoundError } from '../../../shared/index.js';
import { TEMPLATE_IDS } from '../templates.js';
import { agentAnalyzerPolicy, biManagerPolicy } from './analytics.js';
import { coordinatorPolicy } from './coordinator.js';
import type { SteppedOfflinePolicy } from './define-policy.js';
import { balancedPolicy } from './general.js';
import { marketingCampaignPolicy, marketingContentPolicy, marketingEventPolicy } from './marketing.js';
import { operationsFollowupPolicy, operationsQaPolicy, operationsSchedulePolicy } from './operations.js';
import { retentionChurnPolicy, retentionUpsellPolicy, retentionWinbackPolicy } from './retention.js';
import { salesClosingPolicy, salesNegotiationPolicy, salesProspectingPolicy, sdrPolicy } from './sales.js';
import { supportBillingPolicy, supportOnboardingPolicy, supportTechnicalPolicy } from './support.js';

const POLICIES: Readonly<Record<string, SteppedOfflinePolicy>> = {
  sales_prospecting: salesProspectingPolicy,
  sales_negotiation: salesNegotiationPolicy,
  sales_closing: salesClosingPolicy,
  sdr: sdrPolicy,
  retention_churn: retentionChurnPolicy,
  retention_upsell: retentionUpsellPolicy,
  retention_winback: retentionWinbackPolicy,
  support_technical: supportTechnicalPolicy,
  support_billing: supportBillingPolicy,
  support_onboarding: supportOnboardingPolicy,
  operations_followup: operationsFollowupPolicy,
  operations_schedule: operationsSchedulePolicy,
  operations_qa: operationsQaPolicy,
  marketing_campaign: marketingCampaignPolicy,
  marketing_content: marketingContentPolicy,
  marketing_event: marketingEventPolicy,
  bi_manager: biManagerPolicy,
  agent_analyzer: agentAnalyzerPolicy,
  balanced: balancedPolicy,
  coordinator: coordinatorPolicy(new Set(TEMPLATE_IDS.filter((id) => id !== 'coordinator'))),
};

/**
 * The deterministic policy the `offline` model follows for a template: search memory first, the
 * template's main tool with arguments read from the message, and a PT-BR (or English) answer filled
 * with the tool results.
 * @throws NotFoundError for an unknown template id.
 * @example offlinePolicyFor('retention_churn').mainTool?.('quero cancelar', {}) // { name: 'create_retention_offer', ... }
 */
export function offlinePolicyFor(templateId: string): SteppedOfflinePolicy {
  const policy = POLICIES[templateId];
  if (!policy) {
    throw new NotFoundError(
      `no offline policy for template "${templateId}"; known: ${Object.keys(POLICIES).join(', ')}`,
      {
        template_id: templateId,
      },
    );
  }
  return policy;
}

export { ANALYZER_TOOL, biAnswer, biCall } from './analytics.js';
export { ROUTED_TEMPLATE_STATE_KEY } from './coordinator.js';
export {
  commaName,
  customerName,
  definePolicy,
  type PolicyCall,
  type PolicySpec,
  type PolicyStep,
  type SteppedOfflinePolicy,
} from './define-policy.js';
export { type LeadSignals, readLeadSignals } from './lead-signals.js';
export { periodLabel, readAgentNames, readPeriod } from './read-analytics.js';
export { formatBrt, readWhen, type WhenSpec, whenToIso } from './read-date.js';
export { isEnglish, mentions, readMoney, readPercent, readSeverity } from './read-message.js';
export { retentionDiscount } from './retention.js';
