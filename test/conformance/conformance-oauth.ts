import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loginToServer } from '../../src/host/oauth/login.js';
import { OAuthStore } from '../../src/host/oauth/oauth-store.js';
import type { OAuthSettings } from '../../src/host/oauth/stored-oauth-provider.js';
import { freeLoopbackPort } from '../support/free-port.js';

/** What an `auth/*` scenario passes in MCP_CONFORMANCE_CONTEXT (pre-registration only). */
export interface AuthContext {
  client_id?: string;
  client_secret?: string;
}

/** The `oauth` entry of the host config for one scenario, and the folder its tokens went to. */
export interface ConformanceLogin {
  oauth: true | { client_id: string; client_secret?: string; redirect_port: number };
  oauthDir: string;
}

/**
 * `ventros mcp login` as a person would run it, with the browser replaced by a fetch: the suite's
 * authorization server approves at once and redirects to our loopback `/callback`, which this follows
 * (only to a loopback host: the redirect must come back to the login's own listener). Everything else
 * — discovery, registration, PKCE, state, the token exchange — is the host's real login code.
 */
export async function conformanceLogin(server: string, url: string, context: AuthContext): Promise<ConformanceLogin> {
  const oauthDir = await mkdtemp(path.join(tmpdir(), 'ventros-conformance-oauth-'));
  const store = new OAuthStore(oauthDir);
  const preRegistered = context.client_id
    ? {
        client_id: context.client_id,
        ...(context.client_secret ? { client_secret: context.client_secret } : {}),
        redirect_port: await freeLoopbackPort(),
      }
    : undefined;
  const settings: OAuthSettings = preRegistered
    ? {
        clientId: preRegistered.client_id,
        ...(preRegistered.client_secret ? { clientSecret: preRegistered.client_secret } : {}),
        redirectPort: preRegistered.redirect_port,
      }
    : { redirectPort: 0 };
  await loginToServer({
    server,
    url,
    settings,
    store,
    timeoutMs: 20_000,
    onAuthorizationUrl: async (authorizationUrl) => {
      const approval = await fetch(authorizationUrl, { redirect: 'manual' });
      const location = approval.headers.get('location');
      if (!location) throw new Error(`the authorization server answered ${approval.status} without a redirect`);
      const callback = new URL(location, authorizationUrl);
      if (callback.hostname !== '127.0.0.1') throw new Error(`redirected away from the loopback: ${callback.origin}`);
      // Not awaited by the login: it waits for this callback itself.
      void fetch(callback).then(
        (response) => response.body?.cancel(),
        () => {},
      );
    },
  });
  return { oauth: preRegistered ?? true, oauthDir };
}
