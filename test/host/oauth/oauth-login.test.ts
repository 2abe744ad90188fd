import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHost, type McpHost, parseHostConfig } from '../../../src/host/index.js';
import { loginToServer } from '../../../src/host/oauth/login.js';
import { OAuthStore } from '../../../src/host/oauth/oauth-store.js';
import { freeLoopbackPort } from '../../support/free-port.js';
import { type OAuthMcpServer, startOAuthMcpServer } from '../../support/oauth-mcp-server.js';

/** The person's browser: opens the authorization page and follows its redirect to our loopback callback. */
const browser = async (authorizationUrl: URL) => {
  const answer = await fetch(authorizationUrl, { redirect: 'follow' });
  expect(answer.status).toBe(200);
  expect(await answer.text()).toContain('Logged in');
};

let dir: string;
let store: OAuthStore;
let remote: OAuthMcpServer;
let host: McpHost | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-oauth-'));
  store = new OAuthStore(join(dir, 'mcp-oauth'));
});

afterEach(async () => {
  await host?.close();
  host = undefined;
  await remote?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A login with a dynamically registered client, the browser following the redirect. */
const dynamicLogin = () =>
  loginToServer({
    server: 'remote',
    url: remote.url,
    settings: { redirectPort: 0 },
    store,
    onAuthorizationUrl: browser,
    timeoutMs: 10_000,
  });

const hostFor = (oauth: unknown) =>
  createHost({
    config: parseHostConfig({ mcpServers: { remote: { url: remote.url, oauth } } }, 'test'),
    mode: 'strict',
    oauthDir: store.dir,
  });

describe('OAuth to remote MCP servers (`ventros mcp login`, then the host)', () => {
  it('logs in with dynamic registration and PKCE, keeps the tokens 0600, and the host calls tools with them', async () => {
    remote = await startOAuthMcpServer();
    const result = await dynamicLogin();
    expect(remote.counts).toMatchObject({ registrations: 1, codeGrants: 1 });
    expect(result.file).toBe(join(store.dir, 'remote.json'));
    expect(statSync(result.file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(result.file, 'utf8'));
    expect(saved.tokens.access_token).toBe(remote.accessTokens.at(-1));
    // The login's transient secrets are gone once it finished.
    expect(saved).not.toHaveProperty('code_verifier');
    expect(saved).not.toHaveProperty('state');

    host = await hostFor(true);
    const call = await host.callTool('remote__whoami', {});
    expect(call.isError).not.toBe(true);
    expect(JSON.stringify(call.content)).toContain('authorized with scope');
  });

  it('refreshes an expired access token without a new login, rotating the refresh token', async () => {
    remote = await startOAuthMcpServer();
    remote.accessTokenTtlSeconds = 1;
    await dynamicLogin();
    const first = store.load('remote').tokens?.access_token;
    remote.accessTokenTtlSeconds = 3600;
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    host = await hostFor(true);
    const call = await host.callTool('remote__whoami', {});
    expect(call.isError).not.toBe(true);
    expect(remote.counts.refreshGrants).toBeGreaterThanOrEqual(1);
    expect(remote.counts.codeGrants).toBe(1);
    expect(store.load('remote').tokens?.access_token).not.toBe(first);
  });

  it('fails the connection with the login command to run when there are no tokens, or the refresh is refused', async () => {
    remote = await startOAuthMcpServer();
    await expect(hostFor(true)).rejects.toThrow(/ventros mcp login remote/);

    remote.accessTokenTtlSeconds = 1;
    await dynamicLogin();
    remote.refuseRefresh = true;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(hostFor(true)).rejects.toThrow(/ventros mcp login remote/);
  });

  it('uses a pre-registered client on its fixed redirect port, and never copies its secret to the store', async () => {
    const port = await freeLoopbackPort();
    remote = await startOAuthMcpServer({
      preregistered: {
        client_id: 'ventros-prod',
        client_secret: 'configured-secret',
        redirect_uris: [`http://127.0.0.1:${port}/callback`],
      },
    });
    const settings = { clientId: 'ventros-prod', clientSecret: 'configured-secret', redirectPort: port };
    await loginToServer({
      server: 'remote',
      url: remote.url,
      settings,
      store,
      onAuthorizationUrl: browser,
      timeoutMs: 10_000,
    });
    expect(remote.counts).toMatchObject({ registrations: 0, codeGrants: 1 });
    expect(readFileSync(store.pathOf('remote'), 'utf8')).not.toContain('configured-secret');

    host = await hostFor({ client_id: 'ventros-prod', client_secret: 'configured-secret', redirect_port: port });
    expect((await host.callTool('remote__whoami', {})).isError).not.toBe(true);
  });

  it('gives up on a login nobody finishes, within its deadline, and frees the port', async () => {
    remote = await startOAuthMcpServer();
    await expect(
      loginToServer({
        server: 'remote',
        url: remote.url,
        settings: { redirectPort: 0 },
        store,
        onAuthorizationUrl: () => {},
        timeoutMs: 300,
      }),
    ).rejects.toMatchObject({ code: 'deadline_exceeded' });
  });

  it('refuses a server name that cannot be a file name, and an oauth server on legacy SSE', () => {
    expect(() => store.pathOf('../etc/passwd')).toThrow(/cannot name an OAuth credentials file/);
    expect(() =>
      parseHostConfig(
        { mcpServers: { old: { url: 'http://127.0.0.1:1/sse', transport: 'sse', oauth: true } } },
        'test',
      ),
    ).toThrow(/needs Streamable HTTP/);
  });
});
