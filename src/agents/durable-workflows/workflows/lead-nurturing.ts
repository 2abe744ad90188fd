import { BANT_PROMPT, type BantResult, parseBantResult } from '../bant.js';
import { type LeadNurturingStart, LeadNurturingStartSchema } from '../start-requests.js';
import { defineWorkflow } from '../workflow-definition.js';
import { agentStep, daySchedule, sendStep, toolStep } from '../workflow-steps.js';

const AGENT = 'sales_prospecting';
const META = { workflow: 'lead_nurturing', agent_category: 'sales' };

/** What a finished nurturing returns (the workflow's recorded result). */
export interface LeadNurturingResult {
  status: 'completed';
  contact_id: string;
  engaged: boolean;
  qualification: BantResult;
  stage: string | null;
  handoff: 'assigned' | 'follow_up_task' | 'failed';
}

/**
 * The seed's LeadNurturingWorkflow over 30 workflow days: day 1 an AI welcome; until day 3 it waits
 * for the lead to answer (a reply is engagement) and sends an AI outreach when none came; day 7 a BANT
 * qualification `{is_qualified, score, reasoning}` moves a qualified lead to the `qualified` stage;
 * day 14 an AI check-in; day 30 a handoff to a human closer (`assign_to_agent`, or a follow-up task
 * for a person when the lead's score is too low to assign).
 */
export const leadNurturing = defineWorkflow({
  name: 'lead_nurturing',
  engineName: 'LeadNurturingWorkflow',
  idPrefix: 'lead-nurturing',
  description: '30-day lead nurturing: welcome, engagement check, BANT qualification, check-in, human handoff',
  input: LeadNurturingStartSchema,
  async run(input: LeadNurturingStart, ctx): Promise<LeadNurturingResult> {
    const days = await daySchedule(ctx);

    const welcome = await agentStep(ctx, 'ai_welcome', input, {
      agent: AGENT,
      message:
        'A new lead just entered the CRM. Write a short, warm welcome message for them (WhatsApp, 2-3 ' +
        'sentences) and ask one open question about what they are looking for.',
      context: { workflow_day: '1', reason: 'welcome' },
    });
    await sendStep(ctx, 'send_welcome', input, {
      text: welcome.text,
      agentId: welcome.agent_used,
      source: 'sequence',
      metadata: { ...META, reason: 'welcome' },
    });

    // Day 3: any reply since the welcome is engagement; none → AI re-engagement.
    const reply = await ctx.waitForReply(await days.msUntil(3));
    const engagement = await ctx.step('engagement_check', async () => ({
      engaged: reply !== null,
      reply: reply?.text.slice(0, 500) ?? null,
    }));
    if (!engagement.engaged) {
      const outreach = await agentStep(ctx, 'ai_outreach', input, {
        agent: AGENT,
        message:
          'This lead has not answered our welcome in 3 days. Look at what we know about them and write a ' +
          'short, personalized re-engagement message.',
        context: { workflow_day: '3', reason: 'low_engagement' },
      });
      await sendStep(ctx, 'send_outreach', input, {
        text: outreach.text,
        agentId: outreach.agent_used,
        source: 'sequence',
        metadata: { ...META, reason: 'low_engagement' },
      });
    }

    await days.until(7);
    const qualification = await agentStep(
      ctx,
      'ai_qualification',
      input,
      {
        agent: AGENT,
        message: BANT_PROMPT,
        context: { workflow_day: '7', engaged: String(engagement.engaged) },
      },
      (result) => parseBantResult(result),
    );
    let stage: string | null = null;
    if (qualification.is_qualified) {
      const moved = await toolStep(ctx, 'move_pipeline_stage', input, 'update_pipeline_stage', {
        contact_id: input.contact_id,
        stage_id: 'qualified',
        reason: `BANT ${qualification.score}/10: ${qualification.reasoning}`.slice(0, 300),
      });
      if (moved.ok) stage = 'qualified';
    }

    await days.until(14);
    const checkIn = await agentStep(ctx, 'ai_retention_check', input, {
      agent: AGENT,
      message:
        'Two weeks into this lead’s nurturing. Write a short check-in that keeps the conversation warm and ' +
        'offers help with the next step.',
      context: { workflow_day: '14', qualified: String(qualification.is_qualified) },
    });
    await sendStep(ctx, 'send_retention_check', input, {
      text: checkIn.text,
      agentId: checkIn.agent_used,
      source: 'sequence',
      metadata: { ...META, reason: 'retention_check' },
    });

    await days.until(30);
    const assigned = await toolStep(ctx, 'assign_to_human', input, 'assign_to_agent', {
      contact_id: input.contact_id,
      priority: qualification.score >= 8 ? 'high' : 'normal',
    });
    let handoff: LeadNurturingResult['handoff'] = 'assigned';
    if (!assigned.ok) {
      // A lead below the assignable score still deserves a person's look after 30 days.
      const task = await toolStep(ctx, 'human_review_task', input, 'create_follow_up_task', {
        contact_id: input.contact_id,
        title: 'Nutrição de 30 dias concluída: avaliar o lead',
        due_in_days: 1,
      });
      handoff = task.ok ? 'follow_up_task' : 'failed';
    }

    return {
      status: 'completed',
      contact_id: input.contact_id,
      engaged: engagement.engaged,
      qualification,
      stage,
      handoff,
    };
  },
});
