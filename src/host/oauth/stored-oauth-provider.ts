import { randomBytes } from 'node:crypto';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthClientProvider,
  OAuthDiscoveryState,
  OAuthTokens,
} from '@modelcontextprotocol/client';
import { HostError } from '../errors.js';
import type { OAuthStore } from './oauth-store.js';

/** A remote server's OAuth settings from `mcp.config.json` (`"oauth": {…}`), normalized. */
export interface OAuthSettings {
  /** A pre-registered client; without it the client registers itself (dynamic client registration). */
  clientId?: string;
  clientSecret?: string;
  /** Space-separated scopes to ask for (default: what the server advertises). */
  scope?: string;
  /** The loopback port of `ventros mcp login`'s redirect (pre-registered clients need a fixed one). */
  redirectPort: number;
}

export interface StoredOAuthProviderOptions {
  server: string;
  settings: OAuthSettings;
  store: OAuthStore;
  /**
   * Where the user is sent to log in (`ventros mcp login`). Absent in the host: a server whose tokens are
   * gone or refused cannot open a browser there, so the connection fails naming the login command.
   */
  onRedirect?: (authorizationUrl: URL) => void | Promise<void>;
  /** The redirect URI of this login (default: the loopback one of `settings.redirectPort`). */
  redirectUrl?: string;
}

/** The redirect URI `ventros mcp login` listens on. */
export function loopbackRedirectUrl(port: number): string {
  return `http://127.0.0.1:${port}/callback`;
}

/**
 * The MCP SDK's `OAuthClientProvider` over an `OAuthStore`: discovery, registration, PKCE, the token
 * exchange and refresh are the SDK's (`auth()`, and the Streamable HTTP transport's `authProvider`); this
 * class only keeps what they produce, per server, in the data dir. Tokens are refreshed by the SDK when a
 * call gets 401 and a refresh token is stored; the new tokens replace the old ones here.
 */
export class StoredOAuthProvider implements OAuthClientProvider {
  readonly #options: StoredOAuthProviderOptions;

  constructor(options: StoredOAuthProviderOptions) {
    this.#options = options;
  }

  get redirectUrl(): string {
    return this.#options.redirectUrl ?? loopbackRedirectUrl(this.#options.settings.redirectPort);
  }

  get clientMetadata(): OAuthClientMetadata {
    const { settings } = this.#options;
    return {
      client_name: 'Ventros Agent Host',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: settings.clientSecret ? 'client_secret_post' : 'none',
      ...(settings.scope ? { scope: settings.scope } : {}),
    };
  }

  state(): string {
    const state = randomBytes(16).toString('base64url');
    this.#options.store.update(this.#options.server, { state });
    return state;
  }

  /** The `state` the last authorization request carried (the login checks the callback against it). */
  expectedState(): string | undefined {
    return this.#stored().state;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    const { clientId, clientSecret } = this.#options.settings;
    const stored = this.#stored().client_information as OAuthClientInformationMixed | undefined;
    if (clientId) {
      // Pre-registered: the config names the client; the SDK may have added `issuer` to the stored copy.
      const issuer = stored?.client_id === clientId ? (stored as { issuer?: string }).issuer : undefined;
      return {
        client_id: clientId,
        ...(clientSecret ? { client_secret: clientSecret } : {}),
        ...(issuer ? { issuer } : {}),
      } as OAuthClientInformationMixed;
    }
    return stored;
  }

  saveClientInformation(clientInformation: OAuthClientInformationMixed): void {
    const { clientSecret } = this.#options.settings;
    // A configured secret stays in the config (where `${ENV}` can supply it), never copied to the store.
    const toStore = clientSecret ? { ...clientInformation, client_secret: undefined } : clientInformation;
    this.#options.store.update(this.#options.server, {
      client_information: JSON.parse(JSON.stringify(toStore)) as { client_id: string },
    });
  }

  tokens(): OAuthTokens | undefined {
    return this.#stored().tokens as OAuthTokens | undefined;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.#options.store.update(this.#options.server, {
      tokens: tokens as { access_token: string; token_type: string },
      saved_at: new Date().toISOString(),
    });
  }

  /**
   * Kept with the verifier: on the callback leg the SDK checks the authorization server it exchanges the
   * code with is the one the login was sent to (SEP-2352), and skips rediscovery on later refreshes.
   */
  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.#options.store.update(this.#options.server, {
      discovery_state: JSON.parse(JSON.stringify(state)) as { authorizationServerUrl: string },
    });
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.#stored().discovery_state as OAuthDiscoveryState | undefined;
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    if (this.#options.onRedirect) return this.#options.onRedirect(authorizationUrl);
    throw new HostError(
      'auth_required',
      `MCP server "${this.#options.server}" needs an OAuth login: run \`ventros mcp login ${this.#options.server}\``,
      { details: { server: this.#options.server } },
    );
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.#options.store.update(this.#options.server, { code_verifier: codeVerifier });
  }

  codeVerifier(): string {
    const verifier = this.#stored().code_verifier;
    if (!verifier) {
      throw new HostError('auth_required', `MCP server "${this.#options.server}": no login in progress`, {
        details: { server: this.#options.server },
      });
    }
    return verifier;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    const { server, store } = this.#options;
    if (scope === 'all') store.clear(server);
    else if (scope === 'client') store.update(server, { client_information: undefined });
    else if (scope === 'tokens') store.update(server, { tokens: undefined });
    else if (scope === 'verifier') store.update(server, { code_verifier: undefined, state: undefined });
    else if (scope === 'discovery') store.update(server, { discovery_state: undefined });
  }

  #stored() {
    return this.#options.store.load(this.#options.server);
  }
}
