import { z } from 'zod';
import { contactIdOf, defineTool, requireContact, type ToolSpec } from '../framework/index.js';
import type { ErrorLogRow } from '../store/repositories/crm/index.js';
import type { SupportDeps } from './support-deps.js';

const DAY_MS = 86_400_000;

const LogSchema = z.object({
  component: z.string(),
  level: z.enum(['warning', 'error', 'critical']),
  code: z.string(),
  message: z.string(),
  occurred_at: z.string(),
});

/** The same failure repeated is one line for the model: code, how often, and when last. */
function groupByCode(logs: readonly ErrorLogRow[]) {
  const groups = new Map<string, { code: string; component: string; level: string; count: number; last_at: string }>();
  for (const log of logs) {
    const group = groups.get(log.code);
    if (group) {
      group.count += 1;
      if (log.occurred_at > group.last_at) group.last_at = log.occurred_at;
    } else {
      groups.set(log.code, {
        code: log.code,
        component: log.component,
        level: log.level,
        count: 1,
        last_at: log.occurred_at,
      });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.last_at.localeCompare(a.last_at));
}

/** `get_error_logs`: the seed's optional tool of technical support. */
export function getErrorLogsTool(deps: SupportDeps): ToolSpec {
  return defineTool({
    name: 'get_error_logs',
    access: 'contact',
    title: "Error logs of the customer's account",
    description:
      "Errors the platform logged for this customer's account (component, level, error code, message, when), " +
      'newest first, plus a summary per error code. Call it when the customer reports something broken, after ' +
      'check_system_status, to find the exact failure before troubleshooting or escalating to engineering.',
    input: {
      contact_id: z.string().max(100).optional().describe('Contact id; defaults to the contact of this conversation'),
      component: z.string().min(1).max(60).optional().describe('Only this component (whatsapp, api, billing, pdv, …)'),
      min_level: z.enum(['warning', 'error', 'critical']).default('warning').describe('Lowest level to include'),
      lookback_days: z.number().int().min(1).max(90).default(7).describe('How many days back to read'),
      limit: z.number().int().min(1).max(50).default(20).describe('Most log lines to return'),
    },
    output: {
      contact_id: z.string(),
      since: z.string(),
      total: z.number().int(),
      by_code: z.array(
        z.object({
          code: z.string(),
          component: z.string(),
          level: z.string(),
          count: z.number().int(),
          last_at: z.string(),
        }),
      ),
      logs: z.array(LogSchema),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const contactId = contactIdOf(args.contact_id, ctx);
      requireContact(deps.store.contacts, ctx.tenantId, contactId);
      const now = (deps.now ?? (() => new Date()))();
      const since = new Date(now.getTime() - args.lookback_days * DAY_MS).toISOString();
      const logs = deps.store.crm.errorLogs.listByContact(ctx.tenantId, contactId, {
        since,
        component: args.component?.toLowerCase(),
        minLevel: args.min_level,
        limit: args.limit,
      });
      return {
        contact_id: contactId,
        since,
        total: logs.length,
        by_code: groupByCode(logs),
        logs: logs.map(({ component, level, code, message, occurred_at }) => ({
          component,
          level,
          code,
          message,
          occurred_at,
        })),
      };
    },
  });
}
