import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auth, extractWWWAuthenticateParams } from '@modelcontextprotocol/client';
import { HostError } from '../errors.js';
import type { OAuthStore } from './oauth-store.js';
import { loopbackRedirectUrl, type OAuthSettings, StoredOAuthProvider } from './stored-oauth-provider.js';

export interface LoginOptions {
  /** The server's name in `mcp.config.json` (the credentials file is named after it). */
  server: string;
  /** The server's MCP endpoint. */
  url: string;
  settings: OAuthSettings;
  store: OAuthStore;
  /** Shows the person the page to log in on (print it, open a browser). */
  onAuthorizationUrl: (authorizationUrl: URL) => void | Promise<void>;
  /** How long to wait for the person to finish (ms). */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface LoginResult {
  server: string;
  /** The credentials file. */
  file: string;
  /** Scopes the server granted, when it said. */
  scope?: string;
  /** Seconds until the access token expires, when the server said (refreshed by the host after that). */
  expiresIn?: number;
}

/** The callback page: short, and no token on it. */
const DONE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Ventros</title><p>Logged in. You can close this tab.</p>';

/**
 * `ventros mcp login <server>`: the OAuth 2.1 authorization-code flow with PKCE through the MCP SDK's
 * `auth()` (protected-resource and authorization-server discovery, dynamic registration or a pre-registered
 * client), with a loopback redirect (RFC 8252) that takes one callback and closes. Tokens land in the
 * store; the host uses them and the SDK refreshes them.
 */
export async function loginToServer(options: LoginOptions): Promise<LoginResult> {
  const { server, store, settings } = options;
  // A pre-registered client's redirect URI is fixed; a dynamically registered one gets a free port.
  const callback = await listenForCallback(settings.clientId ? settings.redirectPort : 0);
  try {
    const redirectUrl = loopbackRedirectUrl(callback.port);
    // A fresh login: forget old tokens and, for a dynamic client, the registration tied to another port.
    store.update(server, {
      tokens: undefined,
      code_verifier: undefined,
      state: undefined,
      discovery_state: undefined,
      ...(settings.clientId ? {} : { client_information: undefined }),
    });
    const provider = new StoredOAuthProvider({
      server,
      settings,
      store,
      redirectUrl,
      onRedirect: options.onAuthorizationUrl,
    });
    const challenge = await challengeOf(options.url, options.signal);
    const requested = settings.scope ?? challenge.scope;
    const discovery = {
      ...(requested ? { scope: requested } : {}),
      ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}),
    };
    const first = await auth(provider, { serverUrl: options.url, ...discovery });
    if (first !== 'AUTHORIZED') {
      const answer = await callback.next(options.timeoutMs, options.signal);
      if (answer.error) {
        throw new HostError('auth_required', `MCP server "${server}" refused the login: ${answer.error}`, {
          details: { server },
        });
      }
      if (!answer.state || answer.state !== provider.expectedState()) {
        throw new HostError('auth_required', `MCP server "${server}": the login's state did not match; try again`, {
          details: { server },
        });
      }
      // `iss` (RFC 9207): the SDK refuses a callback from another issuer, or none when one is promised.
      const second = await auth(provider, {
        serverUrl: options.url,
        authorizationCode: answer.code,
        ...(answer.iss ? { iss: answer.iss } : {}),
        ...discovery,
      });
      if (second !== 'AUTHORIZED') {
        throw new HostError('auth_required', `MCP server "${server}": the login did not finish`, {
          details: { server },
        });
      }
    }
    store.update(server, { code_verifier: undefined, state: undefined });
    const tokens = provider.tokens();
    return {
      server,
      file: store.pathOf(server),
      ...(tokens?.scope ? { scope: tokens.scope } : {}),
      ...(tokens?.expires_in !== undefined ? { expiresIn: tokens.expires_in } : {}),
    };
  } finally {
    await callback.close();
  }
}

/**
 * What the server says when asked without a token: its 401 `WWW-Authenticate` may name where its
 * protected-resource metadata lives (which need not be a well-known path) and the scope it wants —
 * what a client learns on its first request, and the SDK's discovery needs to be told.
 */
async function challengeOf(url: string, signal?: AbortSignal): Promise<{ resourceMetadataUrl?: URL; scope?: string }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'ping' }),
      ...(signal ? { signal } : {}),
    });
    await response.body?.cancel();
    if (response.status !== 401) return {};
    const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(response);
    return { ...(resourceMetadataUrl ? { resourceMetadataUrl } : {}), ...(scope ? { scope } : {}) };
  } catch {
    // Unreachable now: discovery below reports it with the SDK's own error.
    return {};
  }
}

interface CallbackAnswer {
  code: string;
  state?: string;
  /** The authorization server's `iss` on the redirect (RFC 9207), when it sends one. */
  iss?: string;
  error?: string;
}

/** A loopback server that takes the one `/callback` the authorization server redirects the browser to. */
async function listenForCallback(port: number) {
  let deliver: ((answer: CallbackAnswer) => void) | undefined;
  const answered = new Promise<CallbackAnswer>((resolve) => {
    deliver = resolve;
  });
  const httpServer: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    if (!error && !code) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('missing code');
      return;
    }
    res.writeHead(error ? 400 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(error ? '<!doctype html><p>Login refused. You can close this tab.</p>' : DONE_PAGE);
    const state = url.searchParams.get('state');
    const iss = url.searchParams.get('iss');
    const description = url.searchParams.get('error_description');
    deliver?.({
      code: code ?? '',
      ...(state ? { state } : {}),
      ...(iss ? { iss } : {}),
      ...(error ? { error: description ? `${error}: ${description}` : error } : {}),
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new HostError('invalid_config', `the login's redirect port ${port} is taken: set "redirect_port"`)
          : error,
      ),
    );
    httpServer.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (httpServer.address() as AddressInfo).port,
    /** The callback, or a deadline/abort error. */
    next(timeoutMs: number, signal?: AbortSignal): Promise<CallbackAnswer> {
      return new Promise<CallbackAnswer>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new HostError('deadline_exceeded', `no login within ${Math.round(timeoutMs / 1000)} s`)),
          timeoutMs,
        );
        const onAbort = () => reject(new HostError('cancelled', 'login cancelled'));
        signal?.addEventListener('abort', onAbort, { once: true });
        answered.then(
          (answer) => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            resolve(answer);
          },
          () => {},
        );
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
}
