import { z } from 'zod';
import {
  callerMayAccess,
  contactIdOf,
  defineTool,
  lastWrite,
  requireContact,
  ToolError,
  type ToolSpec,
} from '../framework/index.js';
import type { ComponentStatus, TicketPriority, TicketRow } from '../store/repositories/crm/index.js';
import { getErrorLogsTool } from './error-log-tools.js';
import { escalateToHumanTool } from './human-handoff-tool.js';
import type { SupportDeps } from './support-deps.js';

export type { SupportDeps } from './support-deps.js';

const TicketSchema = z.object({
  ticket_id: z.string(),
  contact_id: z.string(),
  subject: z.string(),
  category: z.string(),
  priority: z.enum(['low', 'medium', 'high', 'urgent']),
  severity: z.number().int(),
  status: z.enum(['open', 'pending', 'escalated', 'resolved']),
  assigned_team: z.string().nullable(),
  created_at: z.string(),
});

const publicTicket = (t: TicketRow): z.infer<typeof TicketSchema> => ({
  ticket_id: t.id,
  contact_id: t.contact_id,
  subject: t.subject,
  category: t.category,
  priority: t.priority,
  severity: t.severity,
  status: t.status,
  assigned_team: t.assigned_team,
  created_at: t.created_at,
});

/** Priority implied by a 1-10 severity when the model gives none. */
function priorityOf(severity: number): TicketPriority {
  if (severity >= 8) return 'urgent';
  if (severity >= 6) return 'high';
  if (severity >= 4) return 'medium';
  return 'low';
}

function createTicket(deps: SupportDeps) {
  return defineTool({
    name: 'create_ticket',
    writes: true,
    access: 'contact',
    title: 'Open a support ticket',
    description:
      'Open a support ticket for a customer problem (technical, billing, onboarding, complaint). Severity 1-10 ' +
      'sets the priority when none is given (≥ 8 urgent). Call check_system_status first for outage-like ' +
      'problems. Returns the ticket id to give the customer.',
    input: {
      contact_id: z.string().max(100).optional().describe('Contact id; defaults to the contact of this conversation'),
      subject: z.string().min(3).max(200).describe('Short title, e.g. "WhatsApp não envia mensagens"'),
      description: z.string().min(3).max(4000).describe('What the customer reported, steps, error messages'),
      category: z
        .enum(['technical', 'billing', 'onboarding', 'complaint'])
        .default('technical')
        .describe('Kind of problem'),
      severity: z.number().int().min(1).max(10).default(5).describe('1 (cosmetic) to 10 (business stopped)'),
      priority: z.enum(['low', 'medium', 'high', 'urgent']).optional().describe('Override the severity-based priority'),
    },
    output: { ticket: TicketSchema },
    annotations: { idempotentHint: false, openWorldHint: false },
    async handler(args, ctx) {
      const contactId = contactIdOf(args.contact_id, ctx);
      requireContact(deps.store.contacts, ctx.tenantId, contactId);
      return lastWrite(ctx, () => {
        const ticket = deps.store.crm.tickets.create(ctx.tenantId, {
          contact_id: contactId,
          subject: args.subject,
          description: args.description,
          category: args.category,
          severity: args.severity,
          priority: args.priority ?? priorityOf(args.severity),
          assigned_team: 'support',
        });
        return { ticket: publicTicket(ticket) };
      });
    },
  });
}

function escalateToEngineering(deps: SupportDeps) {
  return defineTool({
    name: 'escalate_to_engineering',
    writes: true,
    access: 'contact',
    title: 'Escalate a ticket to engineering',
    description:
      'Send an open ticket to the engineering team when it is a bug or an outage support cannot solve (after ' +
      'basic troubleshooting). The ticket becomes "escalated" and is assigned to engineering.',
    input: {
      ticket_id: z.string().min(1).max(100).describe('Ticket to escalate (from create_ticket)'),
      reason: z.string().min(3).max(1000).describe('What was tried and why engineering is needed'),
      severity: z.number().int().min(1).max(10).optional().describe('New severity, if it changed'),
    },
    output: { ticket: TicketSchema, escalation_id: z.string() },
    annotations: { idempotentHint: false, openWorldHint: false },
    async handler(args, ctx) {
      const ticket = deps.store.crm.tickets.get(ctx.tenantId, args.ticket_id);
      // A customer call sees only its own tickets; another's reads as missing.
      if (!ticket || !callerMayAccess(ctx, ticket.contact_id))
        throw new ToolError(`Ticket "${args.ticket_id}" not found.`);
      if (ticket.status === 'resolved')
        throw new ToolError(`Ticket ${ticket.id} is resolved: open a new ticket instead.`);
      const severity = args.severity ?? ticket.severity;
      return lastWrite(ctx, () => {
        const updated = deps.store.crm.tickets.update(ctx.tenantId, ticket.id, {
          status: 'escalated',
          assigned_team: 'engineering',
          severity,
          priority: priorityOf(Math.max(severity, 6)),
        });
        const escalation = deps.store.crm.escalations.create(ctx.tenantId, {
          contact_id: ticket.contact_id,
          target: 'engineering',
          reason: args.reason,
          severity,
          ticket_id: ticket.id,
        });
        return { ticket: publicTicket(updated ?? ticket), escalation_id: escalation.id };
      });
    },
  });
}

const SEVERITY_ORDER: Record<ComponentStatus, number> = { operational: 0, maintenance: 1, degraded: 2, outage: 3 };

function checkSystemStatus(deps: SupportDeps) {
  return defineTool({
    name: 'check_system_status',
    access: 'public',
    title: 'Platform status',
    description:
      'Current status of the platform’s components (whatsapp, api, billing, dashboard, …): operational, ' +
      'degraded, outage or maintenance, with a message. Call it when a customer reports something not working, ' +
      'before troubleshooting: a known incident changes the answer.',
    input: {
      component: z.string().max(60).optional().describe('One component to check; omit for all'),
    },
    output: {
      overall: z.enum(['operational', 'degraded', 'outage', 'maintenance', 'unknown']),
      components: z.array(
        z.object({
          component: z.string(),
          status: z.enum(['operational', 'degraded', 'outage', 'maintenance']),
          message: z.string().nullable(),
          updated_at: z.string(),
        }),
      ),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const all = deps.store.crm.systemComponents.list(ctx.tenantId);
      const wanted = args.component?.toLowerCase();
      const components = wanted ? all.filter((c) => c.component === wanted) : all;
      if (args.component && components.length === 0) {
        throw new ToolError(
          `Unknown component "${args.component}". Components: ${all.map((c) => c.component).join(', ') || 'none registered'}.`,
        );
      }
      const worst = components.reduce<ComponentStatus | undefined>(
        (w, c) => (w === undefined || SEVERITY_ORDER[c.status] > SEVERITY_ORDER[w] ? c.status : w),
        undefined,
      );
      return { overall: worst ?? 'unknown', components };
    },
  });
}

/** The support server's tools over the local store. */
export function supportTools(deps: SupportDeps): ToolSpec[] {
  return [
    createTicket(deps),
    escalateToEngineering(deps),
    checkSystemStatus(deps),
    getErrorLogsTool(deps),
    escalateToHumanTool(deps),
  ];
}
