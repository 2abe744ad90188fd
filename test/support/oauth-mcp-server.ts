import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { McpServer, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import { Hono } from 'hono';
import { z } from 'zod';

/**
 * A remote MCP server behind OAuth 2.1, for tests: its own authorization server (RFC 8414 metadata,
 * RFC 7591 dynamic registration, authorization code with PKCE S256 — the authorize step approves at once,
 * as a person who clicks "Allow" would — and refresh-token rotation) and a protected Streamable HTTP
 * endpoint that answers 401 with RFC 9728 resource metadata. The OAuth edge is ours to reach, so it is real
 * HTTP on loopback, not a mock of the SDK.
 */
export interface OAuthMcpServer {
  /** The MCP endpoint (`…/mcp`). */
  url: string;
  /** Clients registered (dynamic) or known (pre-registered), by id. */
  readonly clients: Map<string, { redirect_uris: string[]; client_secret?: string }>;
  /** Counts of what happened, for assertions. */
  readonly counts: { registrations: number; codeGrants: number; refreshGrants: number; unauthorized: number };
  /** Access tokens issued, newest last. */
  readonly accessTokens: string[];
  /** Lifetime of new access tokens (seconds). */
  accessTokenTtlSeconds: number;
  /** Refuse every refresh (the refresh token was revoked). */
  refuseRefresh: boolean;
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
}

const b64url = (buffer: Buffer) => buffer.toString('base64url');

export async function startOAuthMcpServer(
  options: { preregistered?: { client_id: string; client_secret?: string; redirect_uris: string[] } } = {},
): Promise<OAuthMcpServer> {
  const clients = new Map<string, { redirect_uris: string[]; client_secret?: string }>();
  if (options.preregistered) clients.set(options.preregistered.client_id, options.preregistered);
  const codes = new Map<string, Grant>();
  const refreshTokens = new Map<string, { clientId: string; scope: string }>();
  const access = new Map<string, { expiresAt: number; scope: string }>();
  const counts = { registrations: 0, codeGrants: 0, refreshGrants: 0, unauthorized: 0 };
  const accessTokens: string[] = [];
  let base = '';
  const state = { accessTokenTtlSeconds: 3600, refuseRefresh: false };

  const issue = (clientId: string, scope: string) => {
    const accessToken = `at-${b64url(randomBytes(18))}`;
    const refreshToken = `rt-${b64url(randomBytes(18))}`;
    access.set(accessToken, { expiresAt: Date.now() + state.accessTokenTtlSeconds * 1000, scope });
    refreshTokens.set(refreshToken, { clientId, scope });
    accessTokens.push(accessToken);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: state.accessTokenTtlSeconds,
      refresh_token: refreshToken,
      scope,
    };
  };

  const app = new Hono();
  const resourceMetadata = () => ({
    resource: `${base}/mcp`,
    authorization_servers: [base],
    scopes_supported: ['mcp'],
  });
  app.get('/.well-known/oauth-protected-resource/mcp', (c) => c.json(resourceMetadata()));
  app.get('/.well-known/oauth-protected-resource', (c) => c.json(resourceMetadata()));
  app.get('/.well-known/oauth-authorization-server', (c) =>
    c.json({
      issuer: base,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      registration_endpoint: `${base}/register`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_post'],
      scopes_supported: ['mcp'],
    }),
  );
  app.post('/register', async (c) => {
    const body = (await c.req.json()) as { redirect_uris?: string[] };
    if (!Array.isArray(body.redirect_uris) || body.redirect_uris.length === 0) {
      return c.json({ error: 'invalid_redirect_uri' }, 400);
    }
    counts.registrations++;
    const clientId = `client-${b64url(randomBytes(8))}`;
    clients.set(clientId, { redirect_uris: body.redirect_uris });
    return c.json({ ...body, client_id: clientId, client_id_issued_at: Math.floor(Date.now() / 1000) }, 201);
  });
  app.get('/authorize', (c) => {
    const q = c.req.query();
    const client = clients.get(q['client_id'] ?? '');
    const redirectUri = q['redirect_uri'] ?? '';
    if (!client?.redirect_uris.includes(redirectUri)) return c.json({ error: 'invalid_client' }, 400);
    if (q['response_type'] !== 'code' || q['code_challenge_method'] !== 'S256' || !q['code_challenge']) {
      return c.json({ error: 'invalid_request' }, 400);
    }
    const code = `code-${b64url(randomBytes(12))}`;
    codes.set(code, {
      clientId: q['client_id'] as string,
      redirectUri,
      challenge: q['code_challenge'] as string,
      scope: q['scope'] ?? 'mcp',
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    if (q['state']) target.searchParams.set('state', q['state']);
    return c.redirect(target.toString(), 302);
  });
  app.post('/token', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const clientId = form.get('client_id') ?? '';
    const client = clients.get(clientId);
    if (!client) return c.json({ error: 'invalid_client' }, 401);
    if (client.client_secret && form.get('client_secret') !== client.client_secret) {
      return c.json({ error: 'invalid_client' }, 401);
    }
    if (form.get('grant_type') === 'authorization_code') {
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = b64url(createHash('sha256').update(verifier).digest());
      if (!grant || grant.clientId !== clientId || grant.redirectUri !== form.get('redirect_uri')) {
        return c.json({ error: 'invalid_grant' }, 400);
      }
      if (challenge !== grant.challenge) return c.json({ error: 'invalid_grant', error_description: 'PKCE' }, 400);
      counts.codeGrants++;
      return c.json(issue(clientId, grant.scope));
    }
    if (form.get('grant_type') === 'refresh_token') {
      const token = form.get('refresh_token') ?? '';
      const known = refreshTokens.get(token);
      if (state.refuseRefresh || !known || known.clientId !== clientId) return c.json({ error: 'invalid_grant' }, 400);
      refreshTokens.delete(token); // rotation: a refresh token works once
      counts.refreshGrants++;
      return c.json(issue(clientId, known.scope));
    }
    return c.json({ error: 'unsupported_grant_type' }, 400);
  });
  app.all('/mcp', async (c) => {
    const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const grant = token ? access.get(token) : undefined;
    if (!grant || grant.expiresAt <= Date.now()) {
      counts.unauthorized++;
      return c.json({ error: 'invalid_token' }, 401, {
        'WWW-Authenticate': `Bearer error="invalid_token", resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`,
      });
    }
    const server = new McpServer({ name: 'oauth-fixture', version: '1.0.0' });
    server.registerTool(
      'whoami',
      {
        description: 'Says which scope the caller was granted',
        inputSchema: z.object({ greeting: z.string().optional() }),
      },
      async () => ({ content: [{ type: 'text', text: `authorized with scope ${grant.scope}` }] }),
    );
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    return transport.handleRequest(c.req.raw);
  });

  const httpServer: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    url: `${base}/mcp`,
    clients,
    counts,
    accessTokens,
    get accessTokenTtlSeconds() {
      return state.accessTokenTtlSeconds;
    },
    set accessTokenTtlSeconds(value: number) {
      state.accessTokenTtlSeconds = value;
    },
    get refuseRefresh() {
      return state.refuseRefresh;
    },
    set refuseRefresh(value: boolean) {
      state.refuseRefresh = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        (httpServer as { closeAllConnections?: () => void }).closeAllConnections?.();
        httpServer.close(() => resolve());
      }),
  };
}
