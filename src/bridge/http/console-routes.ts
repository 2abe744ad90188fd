import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../shared/index.js';
import { parseBody } from '../parse-input.js';
import { requireStaff, type TenantVariables } from './tenant-auth.js';

/** A tenant as the playground lists it. */
export interface ConsoleTenant {
  id: string;
  name: string;
}

/** A contact as the playground lists it. */
export interface ConsoleContact {
  id: string;
  name: string;
  phone?: string;
  email?: string;
  segment?: string;
}

/** One part of a session message, snake_case as on the wire. */
export type ConsoleSessionPart =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; name: string; content: string; is_error: boolean };

/** A session as the playground shows it: its state and history. */
export interface ConsoleSession {
  session_id: string;
  contact_id: string;
  state: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  history: Array<{ role: 'user' | 'assistant'; content: ConsoleSessionPart[] }>;
}

/**
 * What the playground reads besides the agents: tenants, a tenant's contacts and one session. The
 * composition root implements it over the CRM store and the session store; the bridge only encodes.
 */
export interface ConsoleSource {
  tenants(): ConsoleTenant[] | Promise<ConsoleTenant[]>;
  /** At most `limit` contacts of the tenant whose name, id, phone or email contain `query`. */
  contacts(tenantId: string, query: string | undefined, limit: number): ConsoleContact[] | Promise<ConsoleContact[]>;
  session(tenantId: string, sessionId: string): Promise<ConsoleSession | undefined>;
  /** The latest `ventros eval` report (its JSON), when one was written to this instance's data dir. */
  latestEval?(): Promise<unknown | undefined>;
}

const TenantQuerySchema = z.object({ tenant_id: z.string().min(1).max(200).optional() });
const ContactsQuerySchema = TenantQuerySchema.extend({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const SessionIdSchema = z.string().min(1).max(200);

/**
 * `GET /tenants`, `GET /contacts?tenant_id=&q=&limit=`, `GET /sessions/:id?tenant_id=` — the
 * playground's pickers and session view. Mounted under `/api`, so the same guard and tokens apply;
 * with a token the token's tenant wins over `tenant_id` (as on the execute routes) and `/tenants`
 * lists only that tenant. They show every contact and session of a tenant: staff only (a customer token
 * gets 403).
 */
export function createConsoleRoutes(source: ConsoleSource, defaultTenantId: string) {
  const routes = new Hono<{ Variables: TenantVariables }>();
  routes.get('/tenants', requireStaff(), async (c) => {
    const tokenTenant = c.get('tenantId');
    const all = await source.tenants();
    const tenants = tokenTenant
      ? [all.find((t) => t.id === tokenTenant) ?? { id: tokenTenant, name: tokenTenant }]
      : all;
    return c.json({
      tenants: tenants.map(({ id, name }) => ({ id, name })),
      default_tenant_id: tokenTenant ?? defaultTenantId,
    });
  });
  routes.get('/contacts', requireStaff(), async (c) => {
    const query = parseBody(ContactsQuerySchema, c.req.query(), 'query');
    const tenantId = c.get('tenantId') ?? query.tenant_id ?? defaultTenantId;
    const contacts = await source.contacts(tenantId, query.q?.trim() || undefined, query.limit);
    return c.json({ tenant_id: tenantId, contacts: contacts.slice(0, query.limit) });
  });
  routes.get('/sessions/:id', requireStaff(), async (c) => {
    const query = parseBody(TenantQuerySchema, c.req.query(), 'query');
    const sessionId = parseBody(SessionIdSchema, c.req.param('id'), 'session id');
    const tenantId = c.get('tenantId') ?? query.tenant_id ?? defaultTenantId;
    const session = await source.session(tenantId, sessionId);
    if (!session) throw new NotFoundError(`no session "${sessionId}" in tenant "${tenantId}"`);
    return c.json(session);
  });
  routes.get('/evals/latest', requireStaff(), async (c) => {
    const report = await source.latestEval?.();
    if (report === undefined) {
      throw new NotFoundError('no eval report yet: run `ventros eval` (it writes $VENTROS_DATA_DIR/evals/latest.json)');
    }
    return c.json(report);
  });
  return routes;
}
