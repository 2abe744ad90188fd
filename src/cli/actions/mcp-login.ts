import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { UrlServerConfig } from '../../host/config/schema.js';
import { type HostConfig, loadHostConfig } from '../../host/index.js';
import { loginToServer } from '../../host/oauth/login.js';
import { oauthDirOf } from '../../host/oauth/oauth-dir.js';
import { OAuthStore } from '../../host/oauth/oauth-store.js';
import { InvalidInputError, loadEnv } from '../../shared/index.js';

interface LoginOptions {
  timeout: string;
  browser: boolean;
}

/** The config that names the remote servers: `--config`, else `$VENTROS_MCP_CONFIG` (./mcp.config.json). */
async function remoteConfig(command: Command): Promise<HostConfig> {
  const explicit = command.optsWithGlobals<{ config?: string }>().config;
  const path = explicit ?? loadEnv().VENTROS_MCP_CONFIG;
  if (explicit === undefined && !existsSync(path)) {
    throw new InvalidInputError(
      `no MCP config at ${path}: remote servers with "oauth" are configured there (--config)`,
    );
  }
  return loadHostConfig(path);
}

/** The named server, which must be a remote one with `oauth`; the error lists those that are. */
function oauthServer(config: HostConfig, name: string): UrlServerConfig {
  const server = config.servers.find((s) => s.name === name);
  if (server?.kind === 'url' && server.oauth) return server;
  const withOAuth = config.servers.filter((s) => s.kind === 'url' && s.oauth).map((s) => s.name);
  const known = withOAuth.length > 0 ? withOAuth.join(', ') : 'none — add "oauth": true to a url server';
  const why = server ? `"${name}" has no "oauth" setting` : `no server "${name}" in ${config.source}`;
  throw new InvalidInputError(`${why}; servers with OAuth: ${known}`);
}

/** Best effort: the platform's opener; the URL is printed anyway for a headless machine. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener here: the printed URL is the way.
  }
}

/** `ventros mcp login <server>`: one OAuth login; the host uses (and refreshes) the tokens it leaves. */
export async function mcpLogin(name: string, options: LoginOptions, command: Command): Promise<void> {
  const seconds = Number(options.timeout);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    throw new InvalidInputError(`--timeout must be a whole number of seconds from 1 to 3600, got "${options.timeout}"`);
  }
  const server = oauthServer(await remoteConfig(command), name);
  const store = new OAuthStore(oauthDirOf(resolve(loadEnv().VENTROS_DATA_DIR)));
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const result = await loginToServer({
      server: name,
      url: server.url,
      settings: server.oauth as NonNullable<typeof server.oauth>,
      store,
      timeoutMs: seconds * 1000,
      signal: controller.signal,
      onAuthorizationUrl(url) {
        process.stderr.write(`To log in to "${name}", open this page (waiting up to ${seconds} s):\n\n  ${url}\n\n`);
        if (options.browser) openBrowser(url.toString());
      },
    });
    const scope = result.scope ? ` (scope: ${result.scope})` : '';
    process.stdout.write(`Logged in to "${name}"${scope}. Tokens saved in ${result.file}, readable by you only.\n`);
  } finally {
    process.off('SIGINT', onSignal);
  }
}

/** `ventros mcp logout <server>`: forgets the server's tokens and registration. */
export async function mcpLogout(name: string, _options: unknown, command: Command): Promise<void> {
  oauthServer(await remoteConfig(command), name);
  const store = new OAuthStore(oauthDirOf(resolve(loadEnv().VENTROS_DATA_DIR)));
  const had = store.clear(name);
  process.stdout.write(had ? `Logged out of "${name}".\n` : `No login stored for "${name}".\n`);
}
