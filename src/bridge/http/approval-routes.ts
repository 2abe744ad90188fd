import { Hono } from 'hono';
import { z } from 'zod';
import {
  type AgentApplication,
  ApprovalDecisionInputSchema,
  type ApprovalService,
  DEFAULT_RUN_TIMEOUT_MS,
  MAX_RUN_TIMEOUT_MS,
} from '../../agents/application/index.js';
import { ApprovalStatusSchema } from '../../agents/sessions/index.js';
import { VentrosError } from '../../shared/index.js';
import { parseBody } from '../parse-input.js';
import { readJson } from './read-json.js';
import { requireStaff, type TenantVariables } from './tenant-auth.js';

const IdSchema = z.string().min(1).max(200);
const TenantSchema = z.string().min(1).max(200).optional();
const ListQuerySchema = z.object({ status: ApprovalStatusSchema.optional(), tenant_id: TenantSchema });
const DecideBodySchema = ApprovalDecisionInputSchema.extend({
  tenant_id: TenantSchema,
  /** How long to wait for the resumed run's answer before answering 202 (default 30 s). */
  timeout_ms: z.number().int().positive().max(MAX_RUN_TIMEOUT_MS).optional(),
});

/** The answer of every approvals route when the application has no approval store. */
class ApprovalsOffError extends VentrosError {
  constructor() {
    super('unavailable', 'approvals are off on this server (no approval store)');
  }
}

/**
 * `GET /approvals[?status=pending|approved|rejected|expired]`, `GET /approvals/:id`, and
 * `POST /approvals/:id` `{decision: "approve"|"reject", arguments?, note?}`: 200 with the resumed run's
 * execution result when it finishes within the deadline, else 202 with the approval; 409 when it is no
 * longer pending; 404 for another tenant's id. Staff only (a staff token, whose tenant scopes every
 * route; without tokens, this machine, tenant from `tenant_id` or the default).
 */
export function createApprovalRoutes(app: AgentApplication, defaultTenantId: string) {
  const routes = new Hono<{ Variables: TenantVariables }>();
  const service = (): ApprovalService => {
    if (!app.approvals) throw new ApprovalsOffError();
    return app.approvals;
  };
  const tenantOf = (token: string | undefined, given: string | undefined) => token ?? given ?? defaultTenantId;

  routes.get('/approvals', requireStaff(), async (c) => {
    const query = parseBody(ListQuerySchema, c.req.query(), 'query');
    const approvals = await service().list(tenantOf(c.get('tenantId'), query.tenant_id), query.status);
    return c.json({ approvals, total_count: approvals.length });
  });
  routes.get('/approvals/:id', requireStaff(), async (c) => {
    const id = parseBody(IdSchema, c.req.param('id'), 'approval id');
    const tenantId = tenantOf(c.get('tenantId'), parseBody(TenantSchema, c.req.query('tenant_id'), 'tenant_id'));
    return c.json(await service().get(tenantId, id));
  });
  routes.post('/approvals/:id', requireStaff(), async (c) => {
    const id = parseBody(IdSchema, c.req.param('id'), 'approval id');
    const body = parseBody(DecideBodySchema, await readJson(c.req.raw), 'request body');
    const { tenant_id, timeout_ms, ...decision } = body;
    const outcome = await service().decide(tenantOf(c.get('tenantId'), tenant_id), id, decision, {
      decidedBy: c.get('tenantId') ? 'api-token' : 'local',
      waitMs: timeout_ms ?? DEFAULT_RUN_TIMEOUT_MS,
    });
    return outcome.result ? c.json(outcome.result, 200) : c.json(outcome.approval, 202);
  });
  return routes;
}
