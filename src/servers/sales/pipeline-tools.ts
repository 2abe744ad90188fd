import { z } from 'zod';
import { defineTool, lastWrite, requireContact, ToolError } from '../framework/index.js';
import type { AgentInfoRow, LeadStatus } from '../store/repositories/crm/index.js';
import { checkAssignable, followUpDueAt } from './handoff-rules.js';
import { HOT_SCORE } from './lead-score.js';
import { leadSummary } from './lead-summary.js';
import { resolveLead, type SalesDeps } from './sales-context.js';
import { LeadSchema, LeadTargetShape, publicLead } from './sales-schemas.js';

const DAY = 86_400_000;

/** `update_pipeline_stage`: moves a lead; won/lost close it. */
export function updatePipelineStageTool(deps: SalesDeps) {
  return defineTool({
    name: 'update_pipeline_stage',
    writes: true,
    access: 'contact',
    title: 'Move a lead in the pipeline',
    description:
      'Move a lead to another pipeline stage (e.g. new → qualified → proposal → negotiation → won / lost). ' +
      'Moving to "won" marks the lead converted; "lost" closes it. Unknown stages are refused with the list of ' +
      'this company’s stages.',
    input: {
      ...LeadTargetShape,
      stage_id: z.string().min(1).max(60).describe('Target stage id, e.g. "proposal" or "won"'),
      reason: z.string().max(300).optional().describe('Why the lead moves (kept in the answer for the log)'),
    },
    output: { lead: LeadSchema, previous_stage: z.string(), reason: z.string().nullable() },
    annotations: { idempotentHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const stages = deps.store.crm.pipeline.list(ctx.tenantId);
      if (stages.length > 0 && !stages.some((s) => s.id === args.stage_id)) {
        throw new ToolError(`Unknown stage "${args.stage_id}". Stages: ${stages.map((s) => s.id).join(', ')}.`);
      }
      const lead = resolveLead(deps, args, ctx);
      const now = (deps.now ?? (() => new Date()))();
      const status: LeadStatus = args.stage_id === 'won' ? 'won' : args.stage_id === 'lost' ? 'lost' : 'open';
      return lastWrite(ctx, () => {
        const updated = deps.store.crm.leads.update(
          ctx.tenantId,
          lead.id,
          { stage_id: args.stage_id, status, converted_at: status === 'won' ? now.toISOString() : null },
          now,
        );
        return { lead: publicLead(updated ?? lead), previous_stage: lead.stage_id, reason: args.reason ?? null };
      });
    },
  });
}

/** Active human sales agents, the only ones a lead may be handed to. */
function closers(deps: SalesDeps, tenantId: string): AgentInfoRow[] {
  return deps.store.crm.bi.agents(tenantId).filter((a) => a.kind === 'human' && a.active && a.team === 'sales');
}

/** `assign_to_agent`: hands a qualified lead (score ≥ 60) to a human closer. */
export function assignToAgentTool(deps: SalesDeps) {
  return defineTool({
    name: 'assign_to_agent',
    writes: true,
    access: 'contact',
    title: 'Assign a lead to a human closer',
    description:
      'Hand a qualified lead to an active human sales agent. Hot leads (score ≥ 80) are assigned at once, with ' +
      'high priority; warm leads (60-79) only after 1-2 nurturing touches (create_follow_up_task); below 60 the ' +
      'lead cannot be assigned (score it first with calculate_lead_score). strategy "best_conversion" (default) ' +
      'picks the agent with the best conversion rate over the last 90 days; "round_robin" the least loaded. ' +
      'Or name agent_id explicitly.',
    input: {
      ...LeadTargetShape,
      strategy: z.enum(['best_conversion', 'round_robin']).default('best_conversion').describe('How to pick the agent'),
      agent_id: z.string().max(100).optional().describe('Assign to this agent (must be an active human sales agent)'),
      priority: z
        .enum(['normal', 'high'])
        .optional()
        .describe('high: the agent is told to call now. Default: high for a hot lead (score ≥ 80), else normal'),
      insights: z
        .array(z.string().trim().min(1).max(300))
        .max(5)
        .default([])
        .describe('KEY INSIGHTS for the closer (pains, objections, buying signals), one short sentence each'),
      next_steps: z
        .array(z.string().trim().min(1).max(300))
        .max(5)
        .default([])
        .describe('NEXT STEPS you recommend to the closer'),
    },
    output: {
      lead: LeadSchema,
      agent: z.object({ agent_id: z.string(), name: z.string() }),
      strategy: z.string(),
      reason: z.string(),
      priority: z.enum(['normal', 'high']),
      handoff_notes: z.string().describe('The LEAD SUMMARY the closer receives (seed format)'),
    },
    annotations: { idempotentHint: false, openWorldHint: false },
    async handler(args, ctx) {
      const lead = resolveLead(deps, args, ctx);
      const score = checkAssignable(lead, ctx.approvalId !== undefined);
      if (lead.status !== 'open')
        throw new ToolError(`Lead ${lead.id} is already ${lead.status}: it cannot be assigned.`);
      const pool = closers(deps, ctx.tenantId);
      if (pool.length === 0) throw new ToolError('No active human sales agent is available: escalate to a supervisor.');
      let chosen: AgentInfoRow | undefined;
      let reason: string;
      let strategy: string = args.strategy;
      if (args.agent_id) {
        chosen = pool.find((a) => a.id === args.agent_id);
        if (!chosen) {
          throw new ToolError(
            `Agent "${args.agent_id}" is not an active human sales agent. Available: ${pool.map((a) => `${a.name} (${a.id})`).join(', ')}.`,
          );
        }
        strategy = 'explicit';
        reason = `requested agent ${chosen.name}`;
      } else {
        const open = deps.store.crm.leads.openLeadsByAgent(ctx.tenantId);
        const load = (a: AgentInfoRow) => open.get(a.id) ?? 0;
        const byLoad = [...pool].sort((a, b) => load(a) - load(b) || a.id.localeCompare(b.id));
        if (args.strategy === 'best_conversion') {
          const now = (deps.now ?? (() => new Date()))();
          const stats = deps.store.crm.bi
            .agentStats(ctx.tenantId, { from: new Date(now.getTime() - 90 * DAY).toISOString(), to: now.toISOString() })
            .filter((s) => pool.some((a) => a.id === s.id) && s.leads_assigned > 0)
            .sort((a, b) => b.conversion_rate - a.conversion_rate || load(a as AgentInfoRow) - load(b as AgentInfoRow));
          const best = stats[0];
          chosen = best ? pool.find((a) => a.id === best.id) : undefined;
          reason = best
            ? `best conversion rate over 90 days: ${Math.round(best.conversion_rate * 1000) / 10}% (${best.conversions}/${best.leads_assigned})`
            : 'no conversion history yet: least loaded agent';
        } else {
          reason = 'round robin: fewest open leads';
        }
        chosen ??= byLoad[0] as AgentInfoRow;
        if (args.strategy === 'round_robin') reason = `round robin: fewest open leads (${load(chosen)})`;
      }
      const agent = chosen;
      const contact = deps.store.contacts.get(ctx.tenantId, lead.contact_id);
      return lastWrite(ctx, () => ({
        lead: publicLead(deps.store.crm.leads.update(ctx.tenantId, lead.id, { assigned_agent_id: agent.id }) ?? lead),
        agent: { agent_id: agent.id, name: agent.name },
        strategy,
        reason,
        priority: args.priority ?? (score >= HOT_SCORE ? 'high' : 'normal'),
        handoff_notes: leadSummary({
          name: contact?.name ?? lead.contact_id,
          company: contact?.company ?? null,
          score,
          bant: lead.bant,
          insights: args.insights,
          nextSteps: args.next_steps,
        }),
      }));
    },
  });
}

/** `create_follow_up_task`: a dated task for a contact/lead. */
export function createFollowUpTaskTool(deps: SalesDeps) {
  return defineTool({
    name: 'create_follow_up_task',
    writes: true,
    access: 'contact',
    title: 'Schedule a follow-up',
    description:
      'Schedule a follow-up task (call, message, send proposal) for a contact, e.g. for warm leads "1-2 more ' +
      'touches in 1-2 days". Give due_in_days or an exact due_at.',
    input: {
      title: z.string().min(3).max(200).describe('What to do, e.g. "Enviar proposta personalizada"'),
      due_in_days: z.number().int().min(0).max(365).optional().describe('Due this many days from now (default 1)'),
      due_at: z.string().max(40).optional().describe('Exact due date-time, ISO-8601 (overrides due_in_days)'),
      contact_id: LeadTargetShape.contact_id,
      lead_id: LeadTargetShape.lead_id,
      agent_id: z.string().max(100).optional().describe('Who should do it (default: unassigned)'),
    },
    output: {
      task_id: z.string(),
      title: z.string(),
      due_at: z.string(),
      contact_id: z.string().nullable(),
      lead_id: z.string().nullable(),
      agent_id: z.string().nullable(),
      status: z.string(),
    },
    annotations: { idempotentHint: false, openWorldHint: false },
    async handler(args, ctx) {
      const now = (deps.now ?? (() => new Date()))();
      const dueAt = followUpDueAt(args, now);
      let contactId = args.contact_id ?? ctx.contactId ?? null;
      let leadId: string | null = null;
      if (args.lead_id) {
        const lead = resolveLead(deps, { lead_id: args.lead_id }, ctx);
        leadId = lead.id;
        contactId ??= lead.contact_id;
      }
      if (!contactId) throw new ToolError('No contact: pass contact_id or lead_id.');
      requireContact(deps.store.contacts, ctx.tenantId, contactId);
      if (args.agent_id && !deps.store.crm.bi.agents(ctx.tenantId).some((a) => a.id === args.agent_id)) {
        throw new ToolError(`Agent "${args.agent_id}" not found.`);
      }
      const input = {
        title: args.title,
        due_at: dueAt.toISOString(),
        contact_id: contactId,
        lead_id: leadId,
        agent_id: args.agent_id ?? null,
      };
      return lastWrite(ctx, () => {
        const task = deps.store.crm.tasks.create(ctx.tenantId, input);
        return {
          task_id: task.id,
          title: task.title,
          due_at: task.due_at,
          contact_id: task.contact_id,
          lead_id: task.lead_id,
          agent_id: task.agent_id,
          status: task.status,
        };
      });
    },
  });
}
