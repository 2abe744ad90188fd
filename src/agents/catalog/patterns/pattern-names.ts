/**
 * The names the workflow patterns give their agents, and the state keys and teams the offline model's
 * policies of those agents need. Import-free on purpose: `providers/offline/policies/patterns` mirrors
 * these agents by name without loading the catalog.
 */

/** The first-line support agent of the handoff pattern. */
export const SUPPORT_HANDOFF_NAME = 'support_handoff';
/** The escalation agent the support agent can hand off to. */
export const ESCALATION_AGENT_NAME = 'escalation';

/** The self-critiquing agent. */
export const REFLECTIVE_AGENT_NAME = 'reflective_agent';

/** The QA workflow and its two agents. */
export const QA_LOOP_NAME = 'qa_review';
export const QA_DRAFTER_NAME = 'qa_drafter';
export const QA_REVIEWER_NAME = 'qa_reviewer';
/** State key of the drafter's latest answer. */
export const DRAFT_KEY = 'qa_draft';

/** The onboarding workflow and its four steps, in the seed's order: Welcome → ProfileSetup → Tutorial → Activation. */
export const ONBOARDING_NAME = 'onboarding_flow';
export const ONBOARDING_STEPS = {
  welcome: 'onboarding_welcome',
  profile: 'onboarding_profile',
  tutorial: 'onboarding_tutorial',
  activation: 'onboarding_activation',
} as const;
/** State keys each onboarding step leaves for the next ones. */
export const ONBOARDING_KEYS = {
  welcome: 'onboarding_welcome_text',
  profile: 'onboarding_profile',
  tutorial: 'onboarding_tutorial',
} as const;

/** The lead-enrichment workflow and its three branches. */
export const LEAD_ENRICHMENT_NAME = 'lead_enrichment';
export const ENRICHMENT_BRANCHES = {
  profile: 'enrich_profile',
  history: 'enrich_history',
  score: 'enrich_score',
} as const;

/** The hierarchy's root. */
export const HIERARCHY_ROOT_NAME = 'ceo_agent';
/** Directors and the specialists each coordinates (the seed's organisational tree). */
export const DIRECTORS = {
  sales_director: ['sales_prospecting', 'sales_negotiation', 'sales_closing'],
  support_director: ['support_technical', 'support_billing'],
  retention_director: ['retention_churn', 'retention_upsell'],
} as const satisfies Record<string, readonly string[]>;
/** A director of the hierarchy. */
export type DirectorName = keyof typeof DIRECTORS;

/**
 * The pattern agents in the order the catalog lists them, with the templates each needs: a pattern
 * whose templates are missing is left out (`buildPatterns`).
 */
export const PATTERN_AGENTS = [
  { key: 'supportHandoff', name: SUPPORT_HANDOFF_NAME, needs: ['support_technical', 'support_billing'] },
  { key: 'reflection', name: REFLECTIVE_AGENT_NAME, needs: ['balanced'] },
  { key: 'onboarding', name: ONBOARDING_NAME, needs: ['support_onboarding', 'operations_followup'] },
  { key: 'leadEnrichment', name: LEAD_ENRICHMENT_NAME, needs: ['sales_prospecting', 'sdr'] },
  { key: 'qaLoop', name: QA_LOOP_NAME, needs: ['balanced', 'operations_qa'] },
  { key: 'hierarchy', name: HIERARCHY_ROOT_NAME, needs: ['sales_prospecting', 'support_technical', 'retention_churn'] },
] as const;

/** A pattern of the catalog. */
export type PatternKey = (typeof PATTERN_AGENTS)[number]['key'];

/** The pattern agents a catalog with these templates builds, in listing order (no agent is built). */
export function patternAgentNames(templateIds: ReadonlySet<string>): string[] {
  return PATTERN_AGENTS.filter((p) => p.needs.every((id) => templateIds.has(id))).map((p) => p.name);
}
