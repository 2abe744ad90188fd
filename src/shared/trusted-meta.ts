/**
 * Keys of the trusted context in an MCP request's `_meta`. The host writes them on every
 * `tools/call`; tool servers read them there (or from their own environment when they run alone).
 * They are never taken from tool arguments, which the model writes.
 */
export const META_TENANT_ID = 'io.ventros/tenant_id';
export const META_CONTACT_ID = 'io.ventros/contact_id';
export const META_SESSION_ID = 'io.ventros/session_id';

export interface TrustedMeta {
  tenantId?: string;
  contactId?: string;
  sessionId?: string;
}

/** The `_meta` object for a call. */
export function toMeta(context: TrustedMeta): Record<string, string> {
  const meta: Record<string, string> = {};
  if (context.tenantId) meta[META_TENANT_ID] = context.tenantId;
  if (context.contactId) meta[META_CONTACT_ID] = context.contactId;
  if (context.sessionId) meta[META_SESSION_ID] = context.sessionId;
  return meta;
}

/** Reads the trusted context from a request's `_meta` (unknown shape: it came over the wire). */
export function fromMeta(meta: unknown): TrustedMeta {
  if (meta === null || typeof meta !== 'object') return {};
  const record = meta as Record<string, unknown>;
  const pick = (key: string) =>
    typeof record[key] === 'string' && record[key] !== '' ? (record[key] as string) : undefined;
  const result: TrustedMeta = {};
  const tenantId = pick(META_TENANT_ID);
  const contactId = pick(META_CONTACT_ID);
  const sessionId = pick(META_SESSION_ID);
  if (tenantId) result.tenantId = tenantId;
  if (contactId) result.contactId = contactId;
  if (sessionId) result.sessionId = sessionId;
  return result;
}
