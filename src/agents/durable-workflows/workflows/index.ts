import type { AnyWorkflowDefinition, WorkflowName } from '../workflow-definition.js';
import { customerOnboarding } from './customer-onboarding.js';
import { leadNurturing } from './lead-nurturing.js';
import { retentionCampaign } from './retention-campaign.js';

export { type CustomerOnboardingResult, customerOnboarding, ONBOARDING_APOLOGY } from './customer-onboarding.js';
export { type LeadNurturingResult, leadNurturing } from './lead-nurturing.js';
export {
  FOLLOW_UP_DISCOUNT_PERCENT,
  RETENTION_WAIT_DAYS,
  type RetentionCampaignResult,
  retentionCampaign,
} from './retention-campaign.js';

/** The workflows the engine registers, by public name. */
export const WORKFLOW_CATALOG: Readonly<Record<WorkflowName, AnyWorkflowDefinition>> = {
  lead_nurturing: leadNurturing,
  customer_onboarding: customerOnboarding,
  retention_campaign: retentionCampaign,
};
