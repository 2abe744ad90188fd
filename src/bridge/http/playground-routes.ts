import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';

/** Where the playground's built files are. */
export interface PlaygroundOptions {
  /** The folder `vite build` wrote (`dist/web`): `index.html` and `assets/`. */
  root: string;
}

/**
 * `dist/web` of this package: from `src/bridge/http` (tsx) and from `dist/bridge/http` (built) alike,
 * three folders up is the package root.
 */
export function defaultPlaygroundRoot(): string {
  return fileURLToPath(new URL('../../../dist/web/', import.meta.url));
}

// Everything the page loads comes from this origin: no CDN, no inline script, no framing.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  if (c.res.status === 200) {
    // Asset names carry a content hash; the page itself is checked on every load.
    c.header('cache-control', c.req.path === '/' ? 'no-cache' : 'public, max-age=31536000, immutable');
  }
  c.header('content-security-policy', CONTENT_SECURITY_POLICY);
  // The token may arrive in the URL (`/#token=`); no page of ours sends it on as a referrer.
  c.header('referrer-policy', 'no-referrer');
  c.header('x-content-type-options', 'nosniff');
  c.header('x-frame-options', 'DENY');
});

/**
 * The web playground at `/` (sources in `src/web`, built by `npm run build`). The files hold code and
 * no data, so with bearer tokens they are served to anyone (a browser cannot send a bearer header on
 * navigation; the page asks for the token and sends it on every `/api` call). Without tokens the
 * `guard` (local-origin) applies, as on `/api`. Only `GET /` and `GET /assets/*` are answered, so every
 * other path keeps the JSON 404.
 */
export function createPlaygroundRoutes(options: PlaygroundOptions & { guard?: MiddlewareHandler | undefined }) {
  const web = new Hono();
  for (const path of ['/', '/assets/*']) {
    if (options.guard) web.use(path, options.guard);
    web.use(path, securityHeaders);
  }
  if (!existsSync(join(options.root, 'index.html'))) {
    web.get('/', (c) =>
      c.text(`The playground is not built (no ${join(options.root, 'index.html')}): run \`npm run build\`.\n`, 503),
    );
    return web;
  }
  web.get('/', serveStatic({ root: options.root, path: 'index.html' }));
  web.get('/assets/*', serveStatic({ root: options.root }));
  return web;
}
