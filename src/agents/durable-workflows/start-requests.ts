import { z } from 'zod';

const id = (what: string) => z.string().trim().min(1).max(200).describe(what);

/**
 * What every start request carries (snake_case, like the HTTP body and the event payloads). `key`
 * makes the workflow id: the contact by default, so one contact gets one workflow of each kind.
 */
export const StartRequestBaseSchema = z.object({
  tenant_id: id('Tenant; from the caller’s credentials or the event envelope, never from a model'),
  contact_id: id('The contact (lead or customer) the workflow is about'),
  key: id('Idempotency key of the workflow id; default: the contact id').optional(),
});

export type StartRequestBase = z.infer<typeof StartRequestBaseSchema>;

/** `lead_nurturing`: started by `contact.created`. */
export const LeadNurturingStartSchema = StartRequestBaseSchema.extend({
  project_id: z.string().max(200).optional(),
});

export type LeadNurturingStart = z.infer<typeof LeadNurturingStartSchema>;

/** `customer_onboarding`: started by `subscription.created`. */
export const CustomerOnboardingStartSchema = StartRequestBaseSchema.extend({
  subscription_id: z.string().max(200).optional(),
  plan: z.string().max(200).optional(),
});

export type CustomerOnboardingStart = z.infer<typeof CustomerOnboardingStartSchema>;

/** `retention_campaign`: started by `churn_risk.detected`. */
export const RetentionCampaignStartSchema = StartRequestBaseSchema.extend({
  /** Churn probability 0-1 from the CRM's model. */
  risk_score: z.number().min(0).max(1),
  reasons: z.array(z.string().max(300)).max(20).default([]),
});

export type RetentionCampaignStart = z.infer<typeof RetentionCampaignStartSchema>;
