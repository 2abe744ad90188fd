import { z } from 'zod';

export const score010 = (what: string) => z.number().min(0).max(10).describe(what);

export const BantDimensionSchema = z.object({
  score: score010('0 (absent) to 10 (ideal)'),
  notes: z.string().max(500).optional().describe('What the lead said, in a few words'),
});

export const LeadTargetShape = {
  lead_id: z.string().max(100).optional().describe('Lead id; when omitted, the contact’s open lead is used'),
  contact_id: z
    .string()
    .max(100)
    .optional()
    .describe('Contact whose lead to use; defaults to the contact of this conversation'),
};

export const LeadSchema = z.object({
  lead_id: z.string(),
  contact_id: z.string(),
  stage_id: z.string(),
  status: z.enum(['open', 'won', 'lost']),
  score: z.number().nullable(),
  classification: z.enum(['hot', 'warm', 'cold', 'unqualified']).nullable(),
  assigned_agent_id: z.string().nullable(),
});

export const LeadScoreSchema = z.object({
  total_score: z.number(),
  classification: z.enum(['hot', 'warm', 'cold', 'unqualified']),
  recommended_action: z.enum(['assign_immediately', 'nurture_then_assign', 'long_nurture', 'disqualify']),
  breakdown: z.object({
    bant: z.number(),
    engagement: z.number(),
    company: z.number(),
    source: z.number(),
    response_speed: z.number(),
  }),
});

export const ScoreInputShape = {
  budget_score: score010('Budget: can they afford it / is there a budget range (0-10)'),
  authority_score: score010('Authority: is this person the decision maker (0-10)'),
  need_score: score010('Need: how clear and painful the problem is (0-10)'),
  timeline_score: score010('Timeline: how soon they need it (0-10)'),
  engagement_score: score010('Engagement: how actively they answer and ask (0-10, weighs 20 points)'),
  company_score: score010('Company size / revenue fit (0-10, weighs 20 points)'),
  source_score: score010('Source quality, e.g. referral 10, paid ad 5, cold list 2 (0-10)'),
  response_speed_score: score010('How fast they reply (0-10)'),
};

/** A lead row as the tools return it. */
export function publicLead(lead: {
  id: string;
  contact_id: string;
  stage_id: string;
  status: 'open' | 'won' | 'lost';
  score: number | null;
  classification: 'hot' | 'warm' | 'cold' | 'unqualified' | null;
  assigned_agent_id: string | null;
}): z.infer<typeof LeadSchema> {
  return {
    lead_id: lead.id,
    contact_id: lead.contact_id,
    stage_id: lead.stage_id,
    status: lead.status,
    score: lead.score,
    classification: lead.classification,
    assigned_agent_id: lead.assigned_agent_id,
  };
}
