import { z } from 'zod';
import { contactIdOf, defineTool, lastWrite, requireContact, ToolError, type ToolSpec } from '../framework/index.js';
import type { SupportDeps } from './support-deps.js';

/** How soon a person must pick the conversation up, per urgency (minutes). */
const RESPOND_WITHIN_MINUTES = { normal: 240, high: 60, urgent: 15 } as const;
const TEAMS = ['support', 'sales', 'retention'] as const;

/**
 * `escalate_to_human`: the seed's optional tool of the balanced agent. The conversation goes to a
 * person: an active human agent of the team (any human when the team has none) gets a task due within
 * the urgency's time, and the tool says who and when, so the answer can tell the customer.
 */
export function escalateToHumanTool(deps: SupportDeps): ToolSpec {
  return defineTool({
    name: 'escalate_to_human',
    writes: true,
    access: 'contact',
    title: 'Hand the conversation to a human attendant',
    description:
      'Hand this conversation over to a human attendant when the customer asks for a person, or when the ' +
      'request is outside what you can solve. Picks an active human of the team and gives them a task due ' +
      `within ${RESPOND_WITHIN_MINUTES.urgent} min (urgent), ${RESPOND_WITHIN_MINUTES.high} min (high) or ` +
      `${RESPOND_WITHIN_MINUTES.normal / 60} h (normal). Returns who will answer and by when: tell the customer.`,
    input: {
      contact_id: z.string().max(100).optional().describe('Contact id; defaults to the contact of this conversation'),
      reason: z.string().min(3).max(1000).describe('What the customer needs and why a person must take over'),
      team: z.enum(TEAMS).default('support').describe('Team that should answer'),
      urgency: z.enum(['normal', 'high', 'urgent']).default('normal').describe('How soon a person must answer'),
    },
    output: {
      handoff_id: z.string(),
      contact_id: z.string(),
      team: z.string(),
      assigned_to: z.object({ agent_id: z.string(), name: z.string() }),
      urgency: z.enum(['normal', 'high', 'urgent']),
      respond_within_minutes: z.number().int(),
      due_at: z.string(),
    },
    annotations: { idempotentHint: false, openWorldHint: false },
    async handler(args, ctx) {
      const contactId = contactIdOf(args.contact_id, ctx);
      const contact = requireContact(deps.store.contacts, ctx.tenantId, contactId);
      const humans = deps.store.agents.list(ctx.tenantId).filter((a) => a.kind === 'human' && a.active);
      const person = humans.find((a) => a.team === args.team) ?? humans[0];
      if (!person) {
        throw new ToolError('No human attendant is registered for this company: open a ticket with create_ticket.');
      }
      const now = (deps.now ?? (() => new Date()))();
      const minutes = RESPOND_WITHIN_MINUTES[args.urgency];
      return lastWrite(ctx, () => {
        const task = deps.store.crm.tasks.create(ctx.tenantId, {
          contact_id: contactId,
          agent_id: person.id,
          title: `Atender ${contact.name} (${args.urgency}): ${args.reason}`.slice(0, 500),
          due_at: new Date(now.getTime() + minutes * 60_000).toISOString(),
          created_at: now.toISOString(),
        });
        return {
          handoff_id: task.id,
          contact_id: contactId,
          team: person.team,
          assigned_to: { agent_id: person.id, name: person.name },
          urgency: args.urgency,
          respond_within_minutes: minutes,
          due_at: task.due_at,
        };
      });
    },
  });
}
