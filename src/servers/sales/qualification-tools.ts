import { z } from 'zod';
import { defineTool, lastWrite } from '../framework/index.js';
import type { Bant } from '../store/repositories/crm/index.js';
import { ASSIGNABLE_SCORE, calculateLeadScore, classify } from './lead-score.js';
import { resolveLead, type SalesDeps } from './sales-context.js';
import {
  BantDimensionSchema,
  LeadSchema,
  LeadScoreSchema,
  LeadTargetShape,
  publicLead,
  ScoreInputShape,
  score010,
} from './sales-schemas.js';

const nextStepOf = (score: number | null): string => {
  if (score === null) return 'Score the lead with calculate_lead_score (BANT alone is 40 of 100 points).';
  if (score >= 80) return 'Hot lead: assign to the best human closer now with assign_to_agent.';
  if (score >= ASSIGNABLE_SCORE) return 'Warm lead: 1-2 more touches (create_follow_up_task), then assign_to_agent.';
  if (score >= 40) return 'Cold lead: nurture sequence; do not assign to a closer yet.';
  return 'Unqualified: politely explain the fit, offer resources, keep the door open.';
};

/** `qualify_lead`: BANT answers → structured BANT stored on the lead (+ score when all inputs are known). */
export function qualifyLeadTool(deps: SalesDeps) {
  return defineTool({
    name: 'qualify_lead',
    writes: true,
    access: 'contact',
    title: 'Qualify a lead (BANT)',
    description:
      'Record the BANT assessment (Budget, Authority, Need, Timeline; each 0-10 with notes) of a lead after ' +
      'discovery questions. Creates the lead for the contact if it has none. If you also give engagement, ' +
      'company, source and response-speed scores, the full 0-100 lead score and hot/warm/cold/unqualified ' +
      'classification are computed and saved; otherwise call calculate_lead_score next. Use disqualify_reason ' +
      'to close a lead that clearly does not fit (e.g. "price_shopper").',
    input: {
      ...LeadTargetShape,
      budget: BantDimensionSchema.describe('Budget: can they afford it?'),
      authority: BantDimensionSchema.describe('Authority: are they the decision maker?'),
      need: BantDimensionSchema.describe('Need: what problem, how urgent?'),
      timeline: BantDimensionSchema.describe('Timeline: when do they need it?'),
      engagement_score: score010('Optional: engagement (0-10)').optional(),
      company_score: score010('Optional: company size fit (0-10)').optional(),
      source_score: score010('Optional: source quality (0-10)').optional(),
      response_speed_score: score010('Optional: reply speed (0-10)').optional(),
      disqualify_reason: z.string().max(200).optional().describe('Set to close the lead as unqualified, with why'),
    },
    output: {
      lead: LeadSchema,
      bant: z.record(z.string(), BantDimensionSchema),
      bant_points: z.number().describe('Sum of the four BANT scores, 0-40'),
      score: LeadScoreSchema.nullable(),
      next_step: z.string(),
    },
    annotations: { destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const lead = resolveLead(deps, args, ctx, true);
      const bant: Bant = { budget: args.budget, authority: args.authority, need: args.need, timeline: args.timeline };
      const bantPoints = args.budget.score + args.authority.score + args.need.score + args.timeline.score;
      const extras = [args.engagement_score, args.company_score, args.source_score, args.response_speed_score];
      const score = extras.every((x) => x !== undefined)
        ? calculateLeadScore({
            budget_score: args.budget.score,
            authority_score: args.authority.score,
            need_score: args.need.score,
            timeline_score: args.timeline.score,
            engagement_score: args.engagement_score as number,
            company_score: args.company_score as number,
            source_score: args.source_score as number,
            response_speed_score: args.response_speed_score as number,
          })
        : null;
      const disqualified = args.disqualify_reason !== undefined;
      return lastWrite(ctx, () => {
        const updated = deps.store.crm.leads.update(ctx.tenantId, lead.id, {
          bant,
          ...(score ? { score: Math.round(score.total_score), classification: score.classification } : {}),
          ...(disqualified
            ? { status: 'lost' as const, classification: 'unqualified' as const, stage_id: 'lost' }
            : {}),
          ...(!disqualified && score && score.total_score >= ASSIGNABLE_SCORE && lead.stage_id === 'new'
            ? { stage_id: 'qualified' }
            : {}),
        });
        const final = updated ?? lead;
        return {
          lead: publicLead(final),
          bant,
          bant_points: bantPoints,
          score,
          next_step: disqualified
            ? 'Lead closed as unqualified: be polite, offer resources.'
            : nextStepOf(score?.total_score ?? final.score),
        };
      });
    },
  });
}

/** `calculate_lead_score`: the seed's weighted 0-100 score; saved on the lead when one is identified. */
export function calculateLeadScoreTool(deps: SalesDeps) {
  return defineTool({
    name: 'calculate_lead_score',
    access: 'contact',
    title: 'Calculate lead score',
    description:
      'Compute the 0-100 lead score from eight 0-10 ratings: BANT 40 points (10 each), engagement 20, company ' +
      '20, source 10, response speed 10. Classification: hot ≥ 80 (assign immediately), warm 60-79 (nurture ' +
      'then assign), cold 40-59 (long nurture), unqualified < 40. With save=true (default) the score is stored ' +
      'on the lead of lead_id / contact_id / the current contact, which assign_to_agent requires.',
    input: {
      ...ScoreInputShape,
      ...LeadTargetShape,
      save: z.boolean().default(true).describe('Store the score on the lead (false: just calculate)'),
    },
    output: { ...LeadScoreSchema.shape, lead: LeadSchema.nullable() },
    annotations: { idempotentHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const score = calculateLeadScore(args);
      if (!args.save || (!args.lead_id && !args.contact_id && !ctx.contactId)) return { ...score, lead: null };
      const lead = resolveLead(deps, args, ctx, true);
      const { classification } = classify(score.total_score);
      const updated = deps.store.crm.leads.update(ctx.tenantId, lead.id, {
        score: Math.round(score.total_score),
        classification,
        ...(score.total_score >= ASSIGNABLE_SCORE && lead.stage_id === 'new' ? { stage_id: 'qualified' } : {}),
      });
      return { ...score, lead: publicLead(updated ?? lead) };
    },
  });
}
