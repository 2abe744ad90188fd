import { type Audience, AudienceSchema, InvalidInputError } from '../shared/index.js';

/** Who holds a bearer token: its tenant, and whether it speaks for the company's staff or for customers. */
export interface ApiCaller {
  tenantId: string;
  role: Audience;
}

/** Bearer token → caller, as `VENTROS_API_TOKENS` configures them. Empty: no authentication (local use). */
export type ApiTokens = ReadonlyMap<string, ApiCaller>;

/**
 * Parses `VENTROS_API_TOKENS`: comma-separated `token:tenant:role` entries, role `staff` or `customer`
 * (`token:tenant` — the older form — means staff). Each token names exactly one tenant and role, so a
 * caller can never choose a tenant or a role it was not given.
 *
 * @example
 * parseApiTokens('s3cret:tenant-acme:staff,widget-key:tenant-acme:customer,legacy:tenant-b')
 */
export function parseApiTokens(spec: string | undefined): Map<string, ApiCaller> {
  const tokens = new Map<string, ApiCaller>();
  if (!spec) return tokens;
  for (const entry of spec.split(',')) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const parts = trimmed.split(':');
    const last = parts.at(-1) ?? '';
    const role = parts.length >= 3 ? AudienceSchema.safeParse(last) : undefined;
    // `token:tenant:role`; anything else is the older `token:tenant` (a token may itself hold colons).
    const [rest, tenantId, audience] = role?.success
      ? [parts.slice(0, -2).join(':'), parts.at(-2) ?? '', role.data]
      : [parts.slice(0, -1).join(':'), last, 'staff' as const];
    if (!rest || !tenantId) {
      throw new InvalidInputError(
        'VENTROS_API_TOKENS: expected "token:tenant_id:role" entries (role staff or customer; "token:tenant_id" means staff) separated by commas',
      );
    }
    tokens.set(rest, { tenantId, role: audience });
  }
  return tokens;
}

/** The token of an `Authorization: Bearer <token>` header (HTTP) or metadata value (gRPC). */
export function bearerToken(header: unknown): string | undefined {
  const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim() || undefined;
}

/**
 * The caller of a request. With tokens configured: the token's tenant and role, or `undefined`
 * (unauthenticated) for a missing or unknown token — whatever the request names. Without tokens (local
 * use): the tenant the request names, else the default, and no role (each surface decides its audience).
 */
export function callerOf(
  tokens: ApiTokens,
  token: string | undefined,
  requested: string | undefined,
  fallback: string,
): { tenantId: string; role?: Audience } | undefined {
  if (tokens.size > 0) return token ? tokens.get(token) : undefined;
  return { tenantId: requested || fallback };
}
