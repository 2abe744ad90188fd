import { z } from 'zod';

/**
 * Keys of the trusted context in an MCP request's `_meta`. The host writes them on every
 * `tools/call`; tool servers read them there (or from their own environment when they run alone).
 * They are never taken from tool arguments, which the model writes.
 */
export const META_TENANT_ID = 'io.ventros/tenant_id';
export const META_CONTACT_ID = 'io.ventros/contact_id';
export const META_SESSION_ID = 'io.ventros/session_id';
export const META_AUDIENCE = 'io.ventros/audience';

/**
 * The call's idempotency key: the same for every attempt of one logical call (a retried durable
 * workflow step), so a tool that writes can return its first result instead of writing twice.
 */
export const META_IDEMPOTENCY_KEY = 'io.ventros/idempotency_key';

/**
 * Set on the one call a person approved (a gated action resumed): the server may then go past the
 * limit that made the action wait (an offer above 30 %, a customer above the CLV threshold, a lead
 * below 60). Trusted like the tenant: the host writes it, never the model.
 */
export const META_APPROVAL_ID = 'io.ventros/approval_id';

/**
 * `_meta` key of a tool in `tools/list`: what the tool reaches (see {@link ToolAccess}). The host reads
 * it to keep tenant-wide tools out of customer runs; the server enforces it either way.
 */
export const META_TOOL_ACCESS = 'io.ventros/access';

/**
 * Who a run is for. `customer`: a customer's own message — it reaches customer-facing agents and only
 * its own contact's data. `staff`: the company's people (staff tokens, the CLI, `ventros mcp`, `/mcp`).
 */
export const AudienceSchema = z.enum(['customer', 'staff']);
export type Audience = z.infer<typeof AudienceSchema>;

/**
 * What a tool reaches, which decides what a customer call may do with it:
 * - `contact`: one contact's data, named by `contact_id` (default: the trusted contact). A customer
 *   call is bound to its trusted contact: naming another is a tool error.
 * - `tenant`: data across the tenant's contacts (BI, analytics): refused in customer calls.
 * - `public`: no contact data (formatting, platform status).
 */
export const ToolAccessSchema = z.enum(['contact', 'tenant', 'public']);
export type ToolAccess = z.infer<typeof ToolAccessSchema>;

/** The argument by which tools name a contact. */
export const CONTACT_ARGUMENT = 'contact_id';

/**
 * Arguments a customer run never shows the model: the contact (the trusted one is filled in) and the
 * switch to search every contact (refused for customers).
 */
export const CUSTOMER_HIDDEN_ARGUMENTS: readonly string[] = [CONTACT_ARGUMENT, 'all_contacts'];

export interface TrustedMeta {
  tenantId?: string;
  contactId?: string;
  sessionId?: string;
  audience?: Audience;
  idempotencyKey?: string;
  approvalId?: string;
}

/** The `_meta` object for a call, or undefined when the context carries nothing trusted. */
export function toMetaIfAny(context: TrustedMeta): Record<string, string> | undefined {
  const meta = toMeta(context);
  for (const _ in meta) return meta;
  return undefined;
}

/** The `_meta` object for a call. */
export function toMeta(context: TrustedMeta): Record<string, string> {
  const meta: Record<string, string> = {};
  if (context.tenantId) meta[META_TENANT_ID] = context.tenantId;
  if (context.contactId) meta[META_CONTACT_ID] = context.contactId;
  if (context.sessionId) meta[META_SESSION_ID] = context.sessionId;
  if (context.audience) meta[META_AUDIENCE] = context.audience;
  if (context.idempotencyKey) meta[META_IDEMPOTENCY_KEY] = context.idempotencyKey;
  if (context.approvalId) meta[META_APPROVAL_ID] = context.approvalId;
  return meta;
}

/**
 * Reads the trusted context from a request's `_meta` (unknown shape: it came over the wire). An
 * audience that is present but not one we know reads as `customer`: fail closed.
 */
export function fromMeta(meta: unknown): TrustedMeta {
  if (meta === null || typeof meta !== 'object') return {};
  const record = meta as Record<string, unknown>;
  const result: TrustedMeta = {};
  const tenantId = nonEmptyString(record, META_TENANT_ID);
  const contactId = nonEmptyString(record, META_CONTACT_ID);
  const sessionId = nonEmptyString(record, META_SESSION_ID);
  const idempotencyKey = nonEmptyString(record, META_IDEMPOTENCY_KEY);
  if (tenantId) result.tenantId = tenantId;
  if (contactId) result.contactId = contactId;
  if (sessionId) result.sessionId = sessionId;
  if (record[META_AUDIENCE] !== undefined) result.audience = record[META_AUDIENCE] === 'staff' ? 'staff' : 'customer';
  if (idempotencyKey) result.idempotencyKey = idempotencyKey;
  const approvalId = nonEmptyString(record, META_APPROVAL_ID);
  if (approvalId) result.approvalId = approvalId;
  return result;
}

/** `record[key]` when it is a non-empty string (a module function: no closure per `fromMeta` call). */
function nonEmptyString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The access a tool declares in its `tools/list` `_meta`; undefined when it declares none. */
export function toolAccessOf(meta: unknown): ToolAccess | undefined {
  if (meta === null || typeof meta !== 'object') return undefined;
  const parsed = ToolAccessSchema.safeParse((meta as Record<string, unknown>)[META_TOOL_ACCESS]);
  return parsed.success ? parsed.data : undefined;
}
