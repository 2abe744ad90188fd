/** Filters every memory query shares. Absent fields do not filter. */
export interface MemoryFilter {
  contactId?: string;
  types?: readonly string[];
  /** Types to leave out (applied after `types`). */
  excludedTypes?: readonly string[];
  /** ISO timestamp; only memories created at or after it. */
  since?: string;
}

/** A filtered set of memories as SQL (`m` = memories) with its named parameters. */
export interface MemoryScope {
  where: string;
  params: Record<string, unknown>;
  contactId?: string;
}

// Two variants so that a contact filter can use the (tenant_id, contact_id, created_at) index.
const FILTERS = `AND (@types IS NULL OR m.memory_type IN (SELECT value FROM json_each(@types)))
  AND (@excluded IS NULL OR m.memory_type NOT IN (SELECT value FROM json_each(@excluded)))
  AND (@since IS NULL OR m.created_at >= @since)`;
/** The tenant's memories passing the filter's types and `since` (`@tenant`, `@types`, `@excluded`, `@since`). */
export const WHERE_TENANT = `m.tenant_id = @tenant
  ${FILTERS}`;
/** WHERE_TENANT for one contact (`@contact`). */
export const WHERE_CONTACT = `m.tenant_id = @tenant AND m.contact_id = @contact
  ${FILTERS}`;

/** The named parameters of WHERE_TENANT / WHERE_CONTACT. */
export function filterParams(tenantId: string, filter: MemoryFilter) {
  return {
    tenant: tenantId,
    contact: filter.contactId ?? null,
    types: filter.types && filter.types.length > 0 ? JSON.stringify(filter.types) : null,
    since: filter.since ?? null,
    excluded: filter.excludedTypes && filter.excludedTypes.length > 0 ? JSON.stringify(filter.excludedTypes) : null,
  };
}

/** The scope of a filter: the contact variant when it names a contact. */
export function memoryScope(tenantId: string, filter: MemoryFilter): MemoryScope {
  const params = filterParams(tenantId, filter);
  return filter.contactId
    ? { where: WHERE_CONTACT, params, contactId: filter.contactId }
    : { where: WHERE_TENANT, params };
}
