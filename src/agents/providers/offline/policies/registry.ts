import { NotFoundError } from '../../../../shared/index.js';
import {
  ENRICHMENT_BRANCHES,
  ESCALATION_AGENT_NAME,
  HIERARCHY_ROOT_NAME,
  ONBOARDING_STEPS,
  QA_DRAFTER_NAME,
  QA_REVIEWER_NAME,
  REFLECTIVE_AGENT_NAME,
  SUPPORT_HANDOFF_NAME,
} from '../../../catalog/patterns/pattern-names.js';
import type { OfflinePolicy } from '../offline-policy.js';
import type { SteppedOfflinePolicy } from '../policy-kit/define-policy.js';
import { agentAnalyzerPolicy, biManagerPolicy } from './analytics.js';
import { coordinatorPolicy } from './coordinator.js';
import { balancedPolicy } from './general.js';
import { marketingCampaignPolicy, marketingContentPolicy, marketingEventPolicy } from './marketing.js';
import { operationsFollowupPolicy, operationsQaPolicy, operationsSchedulePolicy } from './operations.js';
import { escalationPolicy, supportHandoffPolicy } from './patterns/handoff.js';
import { ceoPolicy, directorPolicies } from './patterns/hierarchy.js';
import { enrichHistoryPolicy, enrichProfilePolicy } from './patterns/lead-enrichment.js';
import {
  onboardingActivationPolicy,
  onboardingProfilePolicy,
  onboardingTutorialPolicy,
  onboardingWelcomePolicy,
} from './patterns/onboarding.js';
import { qaReviewerPolicy } from './patterns/qa-loop.js';
import { reflectivePolicy } from './patterns/reflection.js';
import { retentionChurnPolicy, retentionUpsellPolicy, retentionWinbackPolicy } from './retention.js';
import { retentionSupervisorPolicy } from './retention-supervisor.js';
import { salesClosingPolicy, salesNegotiationPolicy, salesProspectingPolicy, sdrPolicy } from './sales.js';
import { supportBillingPolicy, supportOnboardingPolicy, supportTechnicalPolicy } from './support.js';

/** One policy per specialist template (catalog/<family>/), by template id. */
const SPECIALIST_POLICIES: Readonly<Record<string, SteppedOfflinePolicy>> = {
  sales_prospecting: salesProspectingPolicy,
  sales_negotiation: salesNegotiationPolicy,
  sales_closing: salesClosingPolicy,
  sdr: sdrPolicy,
  retention_churn: retentionChurnPolicy,
  retention_upsell: retentionUpsellPolicy,
  retention_winback: retentionWinbackPolicy,
  retention_supervisor: retentionSupervisorPolicy,
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
};

const TEMPLATE_POLICIES: Readonly<Record<string, SteppedOfflinePolicy>> = {
  ...SPECIALIST_POLICIES,
  coordinator: coordinatorPolicy(new Set(Object.keys(SPECIALIST_POLICIES))),
};

/**
 * The offline model's policy of every agent the catalog builds, by agent name: each template's agent,
 * then the agents of the workflow patterns (catalog/patterns/), which reuse a template's policy or have
 * their own. An agent not listed here gets the offline model's generic answer.
 */
export const OFFLINE_POLICIES: ReadonlyMap<string, OfflinePolicy> = new Map<string, OfflinePolicy>([
  ...Object.entries(TEMPLATE_POLICIES),
  [SUPPORT_HANDOFF_NAME, supportHandoffPolicy],
  [ESCALATION_AGENT_NAME, escalationPolicy],
  [REFLECTIVE_AGENT_NAME, reflectivePolicy],
  [QA_DRAFTER_NAME, balancedPolicy],
  [QA_REVIEWER_NAME, qaReviewerPolicy],
  [ONBOARDING_STEPS.welcome, onboardingWelcomePolicy],
  [ONBOARDING_STEPS.profile, onboardingProfilePolicy],
  [ONBOARDING_STEPS.tutorial, onboardingTutorialPolicy],
  [ONBOARDING_STEPS.activation, onboardingActivationPolicy],
  [ENRICHMENT_BRANCHES.profile, enrichProfilePolicy],
  [ENRICHMENT_BRANCHES.history, enrichHistoryPolicy],
  [ENRICHMENT_BRANCHES.score, sdrPolicy],
  [HIERARCHY_ROOT_NAME, ceoPolicy],
  ...directorPolicies,
]);

/**
 * The deterministic policy the `offline` model follows for a template: search memory first, the
 * template's main tool with arguments read from the message, and a PT-BR (or English) answer filled
 * with the tool results.
 * @throws NotFoundError for an unknown template id.
 * @example offlinePolicyFor('retention_churn').mainTool?.('quero cancelar', {}) // { name: 'create_retention_offer', ... }
 */
export function offlinePolicyFor(templateId: string): SteppedOfflinePolicy {
  const policy = TEMPLATE_POLICIES[templateId];
  if (!policy) {
    throw new NotFoundError(
      `no offline policy for template "${templateId}"; known: ${Object.keys(TEMPLATE_POLICIES).join(', ')}`,
      { template_id: templateId },
    );
  }
  return policy;
}
