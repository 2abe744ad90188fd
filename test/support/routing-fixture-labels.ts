/**
 * The agents and kinds a routing trust set may use (test/fixtures/routing/README.md, "Format"). Copied
 * from that README on purpose, not read from the catalog: the sets were written without reading the
 * catalog, so their checks must not depend on it either.
 */
export const CUSTOMER_AGENTS = [
  'sales_prospecting',
  'sales_negotiation',
  'sales_closing',
  'sdr',
  'retention_churn',
  'retention_upsell',
  'retention_winback',
  'support_technical',
  'support_billing',
  'support_onboarding',
  'operations_followup',
  'operations_schedule',
  'operations_qa',
  'marketing_campaign',
  'marketing_content',
  'marketing_event',
  'balanced',
] as const;
export const STAFF_AGENTS = ['bi_manager', 'agent_analyzer'] as const;

export const STAFF_KINDS = ['bi', 'analysis'] as const;
export const CUSTOMER_KINDS = [
  'cancellation',
  'price_complaint',
  'sarcasm',
  'formal',
  'opt_out',
  'billing',
  'technical',
  'sales',
  'upsell',
  'winback',
  'onboarding',
  'schedule',
  'followup',
  'complaint_about_agent',
  'campaign',
  'content',
  'event',
  'general',
  'multi_intent',
  'negation',
] as const;
