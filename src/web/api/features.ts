import type { ApiClient } from './client.js';

/** The optional APIs this server has; a panel shows only when its API answers. */
export interface Features {
  tenants: boolean;
  contacts: boolean;
  sessions: boolean;
  approvals: boolean;
  dlq: boolean;
  evals: boolean;
}

const PROBES: Record<keyof Features, string> = {
  tenants: '/api/tenants',
  contacts: '/api/contacts?limit=1',
  sessions: '/api/sessions/playground-probe',
  approvals: '/api/approvals?status=pending',
  dlq: '/api/dlq',
  evals: '/api/evals/latest',
};

/** Probes every optional endpoint at once (GET; a router 404 means absent). */
export async function probeFeatures(api: ApiClient): Promise<Features> {
  const keys = Object.keys(PROBES) as Array<keyof Features>;
  const found = await Promise.all(keys.map((k) => api.exists(PROBES[k]).catch(() => false)));
  return Object.fromEntries(keys.map((k, i) => [k, found[i] === true])) as unknown as Features;
}
