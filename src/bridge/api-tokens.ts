import { InvalidInputError } from '../shared/index.js';

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

/** The token of an `Authorization: Bearer <token>` header (HTTP) or metadata value (gRPC). */
export function bearerToken(header: unknown): string | undefined {
  const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim() || undefined;
}

/**
 * The tenant of a caller. With tokens configured: the token's tenant, or `undefined` (unauthenticated)
 * for a missing or unknown token — whatever the request names. Without tokens (local use): the tenant
 * the request names, else the default.
 */
export function tenantOfCaller(
  tokens: ReadonlyMap<string, string>,
  token: string | undefined,
  requested: string | undefined,
  fallback: string,
): string | undefined {
  if (tokens.size > 0) return token ? tokens.get(token) : undefined;
  return requested || fallback;
}
