import { Client, type ClientOptions, SdkHttpError } from '@modelcontextprotocol/client';
import type { Logger } from '../../shared/index.js';
import type { ServerConfig } from '../config/index.js';
import type { OAuthStore } from '../oauth/oauth-store.js';
import type { BuiltinServerFactory } from '../types.js';
import { type ClientHandlers, clientCapabilities, installClientHandlers } from './client-handlers.js';
import { closeTransport } from './close-transport.js';
import { fetchListings, type ServerListings } from './fetch-listings.js';
import { LazyJsonSchemaValidator } from './lazy-validator.js';
import { type OpenedTransport, openTransport, type StderrSink } from './open-transport.js';
import { raceSignal } from './race-signal.js';

/**
 * The protocol revision to speak (see ProtocolSchema). `auto` is the SDK's probe: `server/discover`
 * with the version in `_meta` (2026-07-28, stateless), falling back to `initialize` (2025-11-25). An
 * in-process server and legacy SSE speak 2025-11-25 only.
 */
function versionNegotiation(config: OpenClientOptions['config'], kind: OpenedTransport['kind']): ClientOptions {
  if (config.kind === 'builtin' || kind === 'sse' || kind === 'in-memory') return {};
  if (config.protocol === 'auto') return { versionNegotiation: { mode: 'auto' } };
  if (config.protocol === '2026-07-28') return { versionNegotiation: { mode: { pin: '2026-07-28' } } };
  return {};
}

/**
 * 2026-07-28: rounds of input a server may ask within one call (elicitation, sampling, roots embedded in
 * an input-required result, answered by the same handlers as 2025's server-to-client requests).
 */
export const MAX_INPUT_ROUNDS = 5;

/** Shared by every client: validators compile on first use. */
const lazyValidator = new LazyJsonSchemaValidator();

/** What opening a client needs. */
export interface OpenClientOptions {
  config: ServerConfig;
  builtins: Readonly<Record<string, BuiltinServerFactory>>;
  handlers: ClientHandlers;
  clientInfo: { name: string; version: string };
  onStderr: StderrSink;
  /** Grace used when a failed attempt's transport (or child) is closed again. */
  graceMs: number;
  log: Logger;
  /** Where servers with `oauth` keep their tokens. */
  oauthStore?: OAuthStore;
}

/** An initialized client with its transport and first listings. */
export interface OpenedClient {
  client: Client;
  opened: OpenedTransport;
  listings: ServerListings;
}

/**
 * Opens the transport, initializes a client with our handlers and lists what the server offers,
 * all within `deadline`. A URL in `auto` mode tries Streamable HTTP first and falls back to legacy
 * SSE when that answers 4xx. Whatever fails is closed again before the error is rethrown.
 */
export async function openClient(options: OpenClientOptions, deadline: AbortSignal): Promise<OpenedClient> {
  const { config } = options;
  if (config.kind !== 'url' || config.transport !== 'auto') return openOnce(options, deadline);
  try {
    return await openOnce(options, deadline, 'http');
  } catch (error) {
    const status = error instanceof SdkHttpError ? error.status : undefined;
    if (status === undefined || status < 400 || status > 499) throw error;
    options.log.info({ status }, 'Streamable HTTP refused; falling back to legacy SSE');
    return openOnce(options, deadline, 'sse');
  }
}

async function openOnce(
  options: OpenClientOptions,
  deadline: AbortSignal,
  variant?: 'http' | 'sse',
): Promise<OpenedClient> {
  const { config, handlers } = options;
  const opened = await openTransport(config, options.builtins, options.onStderr, variant, options.oauthStore);
  const client = new Client(options.clientInfo, {
    capabilities: clientCapabilities(handlers),
    jsonSchemaValidator: lazyValidator,
    inputRequired: { maxRounds: MAX_INPUT_ROUNDS },
    ...versionNegotiation(config, opened.kind),
  });
  installClientHandlers(client, handlers, config.name);
  try {
    await raceSignal(
      client.connect(opened.transport, { signal: deadline, timeout: config.connectTimeoutMs }),
      deadline,
    );
    const listings = await raceSignal(fetchListings(client, deadline, config.tools), deadline);
    return { client, opened, listings };
  } catch (error) {
    await closeTransport(client, opened, options.graceMs);
    throw error;
  }
}
