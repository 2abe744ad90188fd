import { createMiddleware } from 'hono/factory';
import { type ApiTokens, bearerToken } from '../api-tokens.js';
import { localOriginGuard } from '../local-origin-guard.js';

export type SocketVariables = { tokenTenantId: string | undefined };

/**
 * Authentication of the upgrade request, as on HTTP. With tokens configured the caller presents one
 * as `Authorization: Bearer <token>` or, since a browser's `WebSocket` cannot set headers, as the
 * `token` query parameter (`/ws/agent?token=...`; prefer the header where you can: URLs end up in
 * proxy logs). Its tenant is the socket's tenant. Without tokens only this machine may connect
 * (Host and Origin must be local, or in `allowedHosts`), and each frame may name its tenant.
 * A refusal answers the upgrade with 401/403, so no socket is opened.
 */
export function socketAuth(tokens: ApiTokens, allowedHosts?: readonly string[]) {
  const guard = tokens.size === 0 ? localOriginGuard(allowedHosts) : undefined;
  return createMiddleware<{ Variables: SocketVariables }>(async (c, next) => {
    if (guard) {
      c.set('tokenTenantId', undefined);
      return guard(c, next);
    }
    const token = bearerToken(c.req.header('authorization')) ?? (c.req.query('token') || undefined);
    const tenant = token ? tokens.get(token)?.tenantId : undefined;
    if (!tenant) {
      return c.json({ error: { code: 'unauthenticated', message: 'a valid bearer token is required' } }, 401, {
        'www-authenticate': 'Bearer',
      });
    }
    c.set('tokenTenantId', tenant);
    return next();
  });
}
