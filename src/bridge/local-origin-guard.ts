import { createMiddleware } from 'hono/factory';

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function hostnameOf(hostHeader: string): string {
  // `[::1]:8000` keeps its brackets; `localhost:8000` loses the port.
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
}

function isLocalOrigin(origin: string): boolean {
  try {
    return LOCAL_HOSTNAMES.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/**
 * DNS-rebinding and cross-site protection for endpoints without authentication (MCP's security
 * guidance): a page
 * on evil.example.com that resolves to 127.0.0.1 sends `Host: evil.example.com` and a foreign
 * `Origin`, so both must name this machine — or one of `allowedHosts`. With bearer tokens configured
 * the guard is not needed (a rebinding page cannot know the token) and the route skips it.
 */
export function localOriginGuard(allowedHosts: readonly string[] = []) {
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  return createMiddleware(async (c, next) => {
    // The request URL carries the Host header's name (node-server builds it from Host).
    const host = hostnameOf(new URL(c.req.url).host.toLowerCase());
    const origin = c.req.header('origin');
    const hostOk = LOCAL_HOSTNAMES.has(host) || allowed.has(host);
    const originOk =
      origin === undefined || isLocalOrigin(origin) || allowed.has(hostnameOf(origin.replace(/^https?:\/\//, '')));
    if (!hostOk || !originOk) {
      return c.json(
        {
          error: {
            code: 'permission_denied',
            message: 'this endpoint only answers requests addressed to this machine (Host/Origin)',
          },
        },
        403,
      );
    }
    return next();
  });
}
