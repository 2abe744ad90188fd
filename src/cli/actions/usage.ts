import type { TenantUsage } from '../../agents/usage/index.js';
import { loadEnv } from '../../shared/index.js';

/**
 * `ventros usage`: usage lives in the serving process (the limits are enforced there), so this asks it
 * over `GET /api/usage` and prints a table.
 */
export async function showUsage(options: {
  url?: string;
  token?: string;
  tenant?: string;
  json?: boolean;
}): Promise<void> {
  const env = loadEnv();
  const base = (options.url ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, '');
  const token = options.token ?? firstToken(env.VENTROS_API_TOKENS);
  const url = `${base}/api/usage${options.tenant ? `?tenant_id=${encodeURIComponent(options.tenant)}` : ''}`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new Error(`cannot reach ${base} (is \`ventros serve\` running?): ${(error as Error).message}`);
  }
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { tenants: TenantUsage[] };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  if (body.tenants.length === 0) {
    process.stdout.write('no usage yet today\n');
    return;
  }
  const rows = body.tenants.map((t) => [
    t.tenant_id,
    `${t.requests_last_minute}${t.limits.requests_per_minute ? `/${t.limits.requests_per_minute}` : ''}`,
    String(t.requests_today),
    `${t.tokens_today}${t.limits.tokens_per_day ? `/${t.limits.tokens_per_day}` : ''}`,
    `${t.cost_usd_today.toFixed(4)}${t.limits.cost_usd_per_day ? `/${t.limits.cost_usd_per_day}` : ''}`,
    String(t.refused_today),
  ]);
  const header = ['tenant', 'req/min', 'req today', 'tokens today', 'US$ today (est.)', 'refused'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n(${body.tenants[0]?.day} UTC)\n`);
}

/** The first staff token of `VENTROS_API_TOKENS` (`token:tenant[:role]`). */
function firstToken(tokens: string | undefined): string | undefined {
  const staff = tokens
    ?.split(',')
    .map((entry) => entry.trim())
    .find((entry) => entry !== '' && !entry.endsWith(':customer'));
  return staff?.split(':')[0];
}
