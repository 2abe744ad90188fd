import { Hono } from 'hono';
import { z } from 'zod';
import type { WorkflowService } from '../../agents/durable-workflows/index.js';
import { VentrosError } from '../../shared/index.js';
import { parseBody } from '../parse-input.js';
import { readJson } from './read-json.js';
import { requireStaff, type TenantVariables } from './tenant-auth.js';

/** What the routes use of the durable workflows (a `WorkflowService`). */
export type WorkflowsPort = Pick<WorkflowService, 'start' | 'list' | 'show' | 'cancel'>;

/** The answer of every workflow route while `DATABASE_URL` is not set. */
export class WorkflowsOffError extends VentrosError {
  constructor() {
    super(
      'unavailable',
      'durable workflows are off on this server: start it with DATABASE_URL=postgres://… to run them',
    );
  }
}

const StartBodySchema = z.record(z.string(), z.unknown());
const NameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'workflow name must look like "lead_nurturing"');
const IdSchema = z.string().min(1).max(500);
const ListQuerySchema = z.object({
  status: z.enum(['running', 'sleeping', 'completed', 'failed', 'cancelled']).optional(),
  workflow: NameSchema.optional(),
  tenant_id: z.string().min(1).max(200).optional(),
  contact_id: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/**
 * `POST /workflows/:name` (start; 201 with the workflow when it started, 200 with the existing one when
 * that contact already has it), `GET /workflows[?status=&workflow=&contact_id=&tenant_id=&limit=]`,
 * `GET /workflows/:id` and `DELETE /workflows/:id` (cancel). Staff only, under `/api`'s guard: a staff
 * token (whose tenant is the workflows' tenant, whatever the body says; a customer token gets 403), or,
 * without tokens, only requests addressed to this machine. Without `workflows` (no DATABASE_URL) every
 * route answers 503 saying how to turn them on.
 */
export function createWorkflowRoutes(workflows: WorkflowsPort | undefined, defaultTenantId: string) {
  const routes = new Hono<{ Variables: TenantVariables }>();
  const on = (): WorkflowsPort => {
    if (!workflows) throw new WorkflowsOffError();
    return workflows;
  };
  const scopeOf = (tenantId: string | undefined) => (tenantId ? { tenantId } : {});

  routes.post('/workflows/:name', requireStaff(), async (c) => {
    const service = on();
    const name = parseBody(NameSchema, c.req.param('name'), 'workflow name');
    const body = parseBody(StartBodySchema, await readJson(c.req.raw), 'request body');
    const tenantId = c.get('tenantId') ?? (typeof body['tenant_id'] === 'string' ? body['tenant_id'] : defaultTenantId);
    const { workflow, created } = await service.start(name, { ...body, tenant_id: tenantId });
    return c.json(workflow, created ? 201 : 200);
  });
  routes.get('/workflows', requireStaff(), async (c) => {
    const service = on();
    const query = parseBody(ListQuerySchema, c.req.query(), 'query');
    const workflows = await service.list(query, scopeOf(c.get('tenantId')));
    return c.json({ workflows, total_count: workflows.length });
  });
  routes.get('/workflows/:id', requireStaff(), async (c) => {
    const service = on();
    const id = parseBody(IdSchema, c.req.param('id'), 'workflow id');
    return c.json(await service.show(id, scopeOf(c.get('tenantId'))));
  });
  routes.delete('/workflows/:id', requireStaff(), async (c) => {
    const service = on();
    const id = parseBody(IdSchema, c.req.param('id'), 'workflow id');
    return c.json(await service.cancel(id, scopeOf(c.get('tenantId'))));
  });
  return routes;
}
