import type { LeadClassification } from '../store/repositories/crm/index.js';

/** The eight 0-10 inputs of the SDR lead score (seed: SDR AGENT, _calculate_lead_score). */
export interface LeadScoreInput {
  budget_score: number;
  authority_score: number;
  need_score: number;
  timeline_score: number;
  engagement_score: number;
  company_score: number;
  source_score: number;
  response_speed_score: number;
}

export type RecommendedAction = 'assign_immediately' | 'nurture_then_assign' | 'long_nurture' | 'disqualify';

export interface LeadScore {
  total_score: number;
  classification: LeadClassification;
  recommended_action: RecommendedAction;
  breakdown: { bant: number; engagement: number; company: number; source: number; response_speed: number };
}

/** Minimum score a lead needs before a human closer may be assigned (seed: "NEVER assign if score < 60"). */
export const ASSIGNABLE_SCORE = 60;
/** From this score a lead is hot: assigned to a closer at once, with high priority (seed: "80+: Hot lead"). */
export const HOT_SCORE = 80;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** hot ≥ 80, warm ≥ 60, cold ≥ 40, unqualified below (seed thresholds). */
export function classify(score: number): { classification: LeadClassification; recommended_action: RecommendedAction } {
  if (score >= HOT_SCORE) return { classification: 'hot', recommended_action: 'assign_immediately' };
  if (score >= ASSIGNABLE_SCORE) return { classification: 'warm', recommended_action: 'nurture_then_assign' };
  if (score >= 40) return { classification: 'cold', recommended_action: 'long_nurture' };
  return { classification: 'unqualified', recommended_action: 'disqualify' };
}

/**
 * The seed's weights: BANT 40 points (10 each), engagement 20 (×2), company size 20 (×2), source 10,
 * response speed 10 — total 0-100.
 */
export function calculateLeadScore(input: LeadScoreInput): LeadScore {
  const bant = input.budget_score + input.authority_score + input.need_score + input.timeline_score;
  const engagement = input.engagement_score * 2;
  const company = input.company_score * 2;
  const source = input.source_score;
  const speed = input.response_speed_score;
  const total = bant + engagement + company + source + speed;
  return {
    total_score: round1(total),
    ...classify(total),
    breakdown: {
      bant: round1(bant),
      engagement: round1(engagement),
      company: round1(company),
      source: round1(source),
      response_speed: round1(speed),
    },
  };
}
