import { createMiddleware } from 'hono/factory';
import { type Audience, PermissionDeniedError, VentrosError } from '../../shared/index.js';
import { type ApiTokens, bearerToken } from '../api-tokens.js';

/** The caller of a request: the token's tenant and role; both undefined without tokens (local use). */
export type TenantVariables = { tenantId: string | undefined; role: Audience | undefined };

class UnauthenticatedError extends VentrosError {
  constructor(message: string) {
    super('unauthenticated', message);
  }
}

/**
 * With tokens configured, every request must carry `Authorization: Bearer <token>` and the token's
 * tenant and role are the request's. Without tokens (a local single-tenant setup, where only this
 * machine may call) the tenant is left to the route (body `tenant_id` or the default).
 */
export function tenantAuth(tokens: ApiTokens) {
  return createMiddleware<{ Variables: TenantVariables }>(async (c, next) => {
    if (tokens.size === 0) {
      c.set('tenantId', undefined);
      c.set('role', undefined);
      return next();
    }
    const token = bearerToken(c.req.header('authorization'));
    const caller = token ? tokens.get(token) : undefined;
    if (!caller) throw new UnauthenticatedError('a valid bearer token is required');
    c.set('tenantId', caller.tenantId);
    c.set('role', caller.role);
    return next();
  });
}

/**
 * Endpoints for the company's staff: a staff token, or — without tokens — this machine (the local
 * origin guard has already checked that). A customer token gets 403.
 */
export function requireStaff() {
  return createMiddleware<{ Variables: TenantVariables }>(async (c, next) => {
    if (c.get('role') === 'customer') {
      throw new PermissionDeniedError(`${c.req.method} ${c.req.path} is for staff tokens only`);
    }
    return next();
  });
}
