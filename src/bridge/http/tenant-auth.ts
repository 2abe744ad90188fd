import { createMiddleware } from 'hono/factory';
import { VentrosError } from '../../shared/index.js';
import { bearerToken } from '../api-tokens.js';

export type TenantVariables = { tenantId: string | undefined };

class UnauthenticatedError extends VentrosError {
  constructor(message: string) {
    super('unauthenticated', message);
  }
}

/**
 * With tokens configured, every request must carry `Authorization: Bearer <token>` and the token's
 * tenant is the request's tenant. Without tokens (a local single-tenant setup) the tenant is left to
 * the route (body `tenant_id` or the default).
 */
export function tenantAuth(tokens: Map<string, string>) {
  return createMiddleware<{ Variables: TenantVariables }>(async (c, next) => {
    if (tokens.size === 0) {
      c.set('tenantId', undefined);
      return next();
    }
    const token = bearerToken(c.req.header('authorization'));
    const tenant = token ? tokens.get(token) : undefined;
    if (!tenant) throw new UnauthenticatedError('a valid bearer token is required');
    c.set('tenantId', tenant);
    return next();
  });
}
