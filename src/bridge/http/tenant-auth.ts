import { createMiddleware } from 'hono/factory';
import { InvalidInputError, VentrosError } from '../../shared/index.js';

export type TenantVariables = { tenantId: string | undefined };

/**
 * Parses `VENTROS_API_TOKENS` (`token:tenant,token2:tenant2`). Each bearer token names exactly one
 * tenant, so a caller can never choose a tenant it was not given.
 */
export function parseApiTokens(spec: string | undefined): Map<string, string> {
  const tokens = new Map<string, string>();
  if (!spec) return tokens;
  for (const entry of spec.split(',')) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const at = trimmed.lastIndexOf(':');
    if (at <= 0 || at === trimmed.length - 1) {
      throw new InvalidInputError('VENTROS_API_TOKENS: expected "token:tenant_id" pairs separated by commas');
    }
    tokens.set(trimmed.slice(0, at), trimmed.slice(at + 1));
  }
  return tokens;
}

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
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const tenant = match ? tokens.get(match[1]!.trim()) : undefined;
    if (!tenant) throw new UnauthenticatedError('a valid bearer token is required');
    c.set('tenantId', tenant);
    return next();
  });
}
