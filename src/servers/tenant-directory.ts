import type { TenantSettings } from '../shared/index.js';
import type { ServerDeps } from './registry.js';

/** The application's tenant settings lookup (structurally its `TenantDirectory` port). */
export interface TenantSettingsLookup {
  settings(tenantId: string): Promise<Partial<TenantSettings> | undefined>;
}

/**
 * Tenant settings from the backend the tools use: the local store's `tenants` row (its own time zone,
 * unless `VENTROS_TENANT_TIME_ZONES` names one; else `VENTROS_TIME_ZONE`), or — when the CRM tools live in the Go services — the process default,
 * the same zone the BI tools count days in.
 */
export function tenantSettingsOf(deps: Pick<ServerDeps, 'store' | 'env'>): TenantSettingsLookup {
  return {
    async settings(tenantId) {
      const row = deps.env.MCP_SERVER_HOST ? undefined : deps.store.tenants.get(tenantId);
      return {
        timeZone: deps.env.VENTROS_TENANT_TIME_ZONES?.[tenantId] ?? row?.time_zone ?? deps.env.VENTROS_TIME_ZONE,
        ...(row ? { currency: row.currency, locale: row.locale } : {}),
      };
    },
  };
}
