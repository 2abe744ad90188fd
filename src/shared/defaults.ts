/** The tenant of a process that serves one (the demo data's PT-BR tenant), unless configured. */
export const DEFAULT_TENANT_ID = 'tenant-demo';
